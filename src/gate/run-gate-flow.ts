import type { KubeConfig } from '@kubernetes/client-node';
import type { Gw502Config } from '../config/config.js';
import { diagnoseApp } from '../diagnosis/diagnose-app.js';
import type { CheckResult, DiagnosisReport } from '../diagnosis/report.js';
import { makeClients } from '../k8s/clients.js';
import { readyReplicas, rolloutRevision, workloadRef } from '../k8s/rollout-workload.js';
import { gateRolloutCheck } from './gate-rollout-check.js';
import { gateUrlCheck } from './gate-url-check.js';
import { mergeGateFindings, type GateFindings } from './merge-gate-findings.js';
import { formatDuration } from './parse-duration.js';
import { DEFAULT_PROBE, probeUrl, type UrlProbeOutcome } from './probe-url.js';
import { waitForRollout, type RolloutOutcome } from './wait-for-rollout.js';

export interface GateFlowOptions {
  app: string;
  namespace: string;
  /** Bounds the rollout wait and the URL probing together. */
  timeoutMs: number;
  url?: string;
  kubeConfig: KubeConfig;
  config: Gw502Config;
  probe?: { intervalMs?: number; requiredSuccesses?: number; requestTimeoutMs?: number };
  unschedulableGraceMs?: number;
  /** Budget of the diagnosis run after a failure. */
  diagnoseTimeoutMs?: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

export type GateFlowResult =
  | { passed: true; line: string; rollout: RolloutOutcome; url?: UrlProbeOutcome }
  | { passed: false; report: DiagnosisReport; rollout: RolloutOutcome; url?: UrlProbeOutcome };

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The gate: wait for the rollout, then (with a URL) for the URL to answer well; on failure, diagnose and
 * return the report with the gate's own findings among its checks. Throws GateError when it cannot run.
 */
export async function runGateFlow(opts: GateFlowOptions): Promise<GateFlowResult> {
  const started = Date.now();
  const clients = makeClients(opts.kubeConfig, { requestTimeoutMs: REQUEST_TIMEOUT_MS, signal: opts.signal });
  const rollout = await waitForRollout({
    kubeConfig: opts.kubeConfig,
    clients,
    app: opts.app,
    namespace: opts.namespace,
    timeoutMs: opts.timeoutMs,
    unschedulableGraceMs: opts.unschedulableGraceMs,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });

  let url: GateFindings['url'];
  const required = opts.probe?.requiredSuccesses ?? DEFAULT_PROBE.requiredSuccesses;
  if (rollout.result === 'complete' && opts.url) {
    const interval = opts.probe?.intervalMs ?? DEFAULT_PROBE.intervalMs;
    const perRequest = opts.probe?.requestTimeoutMs ?? DEFAULT_PROBE.requestTimeoutMs;
    // The timeout bounds the whole gate, but a rollout that used nearly all of it still gets one fair try.
    const minimum = Date.now() + (required - 1) * interval + perRequest;
    const outcome = await probeUrl(opts.url, {
      deadline: Math.max(started + opts.timeoutMs, minimum),
      requiredSuccesses: required,
      intervalMs: interval,
      requestTimeoutMs: perRequest,
      signal: opts.signal,
    });
    url = { url: opts.url, outcome, check: gateUrlCheck(opts.url, outcome, required) };
  }

  if (rollout.result === 'complete' && (url?.outcome.passed ?? true)) {
    return {
      passed: true,
      line: successLine(rollout, url, Date.now() - started),
      rollout,
      url: url?.outcome,
    };
  }

  const findings: GateFindings = { rollout, rolloutCheck: gateRolloutCheck(rollout), url };
  const report = await diagnoseOrFallback(opts);
  return { passed: false, report: mergeGateFindings(report, findings), rollout, url: url?.outcome };
}

function successLine(rollout: RolloutOutcome, url: GateFindings['url'], elapsedMs: number): string {
  const w = rollout.workload;
  const ref = w ? workloadRef(w) : 'workload';
  const rev = w ? rolloutRevision(w) : undefined;
  const { ready, desired } = w ? readyReplicas(w) : { ready: 0, desired: 0 };
  const urlPart = url
    ? `; ${url.url} answered ${url.outcome.answers.at(-1)?.status ?? '?'} ${url.outcome.streak}× in a row`
    : '';
  const ns = w?.object.metadata?.namespace;
  return `gw502 gate: ${ref}${ns ? ` in ${ns}` : ''} rolled out revision ${rev ?? '?'}, ${ready}/${desired} ready, in ${formatDuration(elapsedMs)}${urlPart}`;
}

/**
 * The full diagnosis. If the engine itself breaks (a bug, not the cluster), the pipeline still deserves
 * the gate's own evidence: a report of the gate checks plus an `error` check saying why. The same when the
 * cluster stopped answering after the gate started: what the gate saw is still worth an exit 1 report.
 */
async function diagnoseOrFallback(opts: GateFlowOptions): Promise<DiagnosisReport> {
  const t0 = Date.now();
  try {
    return await diagnoseApp({
      app: opts.app,
      namespace: opts.namespace,
      kubeConfig: opts.kubeConfig,
      config: opts.config,
      timeoutMs: opts.diagnoseTimeoutMs ?? 60_000,
      signal: opts.signal,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    const diagnosisCheck: CheckResult = {
      id: 'gate-diagnosis',
      status: 'error',
      summary: `the diagnosis could not run after the gate failed: ${message}`,
      evidence: [],
    };
    return {
      app: opts.app,
      namespace: opts.namespace,
      // Placeholder: mergeGateFindings replaces a "healthy" verdict of a failed gate from the gate's evidence.
      verdict: { cause: 'healthy', confidence: 'low', summary: 'no diagnosis', actions: [] },
      checks: [diagnosisCheck],
      durationMs: Date.now() - t0,
      finishedAt: new Date().toISOString(),
    };
  }
}
