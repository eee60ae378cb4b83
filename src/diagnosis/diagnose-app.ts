import type { KubeConfig } from '@kubernetes/client-node';
import type { Gw502Config } from '../config/config.js';
import { clusterChecks } from '../checks/registry.js';
import { runChecks } from '../checks/run-checks.js';
import { makeClients } from '../k8s/clients.js';
import { ClusterUnreachableError, loadSnapshot } from '../k8s/load-snapshot.js';
import { invalidNameMessage } from '../k8s/names.js';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import { rankVerdict } from './rank-verdict.js';
import { redactReport } from './redact.js';
import type { CheckResult, DiagnosisReport, TargetFingerprint } from './report.js';

export interface DiagnoseAppOptions {
  app: string;
  namespace: string;
  kubeConfig: KubeConfig;
  config: Gw502Config;
  /** Whole-diagnosis budget; checks still running are reported as `error` (timed out). Default 60 s. */
  timeoutMs?: number;
  /** Progress: called as each check finishes (the Slack worker updates its message from this). */
  onCheck?: (result: CheckResult, done: number, total: number) => void;
  /** Called once per API request (benchmarks count them). */
  onRequest?: (method: string, url: string) => void;
  signal?: AbortSignal;
}

/** Why a diagnosis could not run at all (CLI exit 2). */
export class DiagnoseError extends Error {
  override name = 'DiagnoseError';
  constructor(
    readonly code: 'bad-input' | 'unreachable' | 'forbidden-namespace' | 'config',
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
const PROBE_TIMEOUT_MS = 5_000;
const CHECK_TIMEOUT_MS = 2_000;

/** Validate before any API call: names, and the namespace allowlist of the config. */
export function validateTarget(app: string, namespace: string, config: Gw502Config): void {
  const invalid = invalidNameMessage(app, namespace);
  if (invalid) throw new DiagnoseError('bad-input', invalid);
  if (config.namespaces && !config.namespaces.includes(namespace)) {
    throw new DiagnoseError(
      'forbidden-namespace',
      `namespace "${namespace}" is not in the configured allowlist (${config.namespaces.join(', ')})`,
    );
  }
}

/** Run every check of the runbook against one app; the engine's single entry point. */
export async function diagnoseApp(opts: DiagnoseAppOptions): Promise<DiagnosisReport> {
  const started = performance.now();
  validateTarget(opts.app, opts.namespace, opts.config);
  const budget = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([budget, opts.signal]) : budget;
  const clientOpts = { signal, onRequest: opts.onRequest };
  let snapshot: ClusterSnapshot;
  try {
    snapshot = await loadSnapshot({
      app: opts.app,
      namespace: opts.namespace,
      proxy: opts.config.proxy,
      clients: makeClients(opts.kubeConfig, { ...clientOpts, requestTimeoutMs: REQUEST_TIMEOUT_MS }),
      probeClients: makeClients(opts.kubeConfig, { ...clientOpts, requestTimeoutMs: PROBE_TIMEOUT_MS }),
    });
  } catch (err) {
    if (err instanceof ClusterUnreachableError) {
      const server = opts.kubeConfig.getCurrentCluster()?.server ?? 'the API server';
      throw new DiagnoseError('unreachable', `cluster unreachable at ${server}: ${err.message}`);
    }
    throw err;
  }
  const checks = await runChecks(clusterChecks, snapshot, {
    timeoutMs: CHECK_TIMEOUT_MS,
    onResult: opts.onCheck,
  });
  const appFound = isAppFound(snapshot);
  const report: DiagnosisReport = {
    app: opts.app,
    namespace: opts.namespace,
    verdict: rankVerdict(checks, { appFound }),
    checks: checks.map(({ proposals: _p, ...rest }) => rest),
    durationMs: Math.round(performance.now() - started),
    finishedAt: new Date().toISOString(),
    target: fingerprint(snapshot),
  };
  return redactReport(report);
}

function isAppFound(s: ClusterSnapshot): boolean {
  if (s.namespaceExists === false) return false;
  const hasWorkload = s.workload.ok && s.workload.value !== undefined;
  const hasPods = s.pods.ok && s.pods.value.length > 0;
  // An app outside the cluster, reached through an ExternalName Service named like it, exists too.
  const external =
    s.services.ok &&
    s.services.value.some((x) => x.metadata?.name === s.app && x.spec?.type === 'ExternalName');
  // When we could not look (403), do not claim the app is missing.
  return hasWorkload || hasPods || external || !s.workload.ok || !s.pods.ok;
}

function fingerprint(s: ClusterSnapshot): TargetFingerprint | undefined {
  if (!s.workload.ok || !s.workload.value) return undefined;
  const { kind, object } = s.workload.value;
  const meta = object.metadata;
  if (!meta?.uid || !meta.name) return undefined;
  const revision = Number(meta.annotations?.['deployment.kubernetes.io/revision']);
  return {
    kind,
    namespace: s.namespace,
    name: meta.name,
    uid: meta.uid,
    resourceVersion: meta.resourceVersion ?? '',
    generation: meta.generation,
    revision: Number.isFinite(revision) ? revision : undefined,
  };
}
