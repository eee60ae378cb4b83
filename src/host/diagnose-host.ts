import { runChecks } from '../checks/run-checks.js';
import type { CheckResult, DiagnosisReport } from '../diagnosis/report.js';
import { rankVerdict } from '../diagnosis/rank-verdict.js';
import { redactReport } from '../diagnosis/redact.js';
import { isUnavailable } from './host-snapshot.js';
import { loadHostSnapshot, type HostDiagnosisOptions } from './load-host-snapshot.js';
import { HOST_CHECKS } from './registry.js';

export { DiagnoseHostError, type HostDiagnosisOptions } from './load-host-snapshot.js';

export interface DiagnoseHostOptions extends HostDiagnosisOptions {
  /** Progress: called as each check finishes (the host agent updates its Slack message from this). */
  onCheck?: (result: CheckResult, done: number, total: number) => void;
}

/**
 * The runbook's VM branch on this host: load the snapshot once (proxy, logs, unit/container, direct
 * probes), run every host check isolated, rank one verdict with the cluster engine's vocabulary.
 */
export async function diagnoseHost(opts: DiagnoseHostOptions): Promise<DiagnosisReport> {
  const started = performance.now();
  const snapshot = await loadHostSnapshot(opts);
  const results = await runChecks(HOST_CHECKS, snapshot, { timeoutMs: 2000, onResult: opts.onCheck });
  // A proxy that is down or cannot load its config hides every route: that, not a missing app, is the news.
  const proxy = snapshot.proxy;
  const proxyBroken =
    proxy !== undefined && (!proxy.running || (!isUnavailable(proxy.configTest) && !proxy.configTest.ok));
  const appFound =
    proxyBroken ||
    snapshot.routes.length > 0 ||
    snapshot.upstreamArg !== undefined ||
    !isUnavailable(snapshot.upstreamHealth);
  const verdict = rankVerdict(results, { appFound });
  if (!appFound) {
    verdict.summary = `Nothing on ${snapshot.host} serves ${opts.service}: no proxy route, no systemd unit or container of that name, no --upstream given.`;
  }
  // Log lines and journal entries may carry tokens or credentials in URLs: redact before anything leaves.
  return redactReport({
    app: opts.service,
    namespace: snapshot.host,
    host: snapshot.host,
    verdict,
    checks: results.map(({ proposals: _p, ...rest }) => rest),
    durationMs: Math.round(performance.now() - started),
    finishedAt: new Date().toISOString(),
  });
}
