import type { CheckResult, DiagnosisReport, Verdict } from '../diagnosis/report.js';
import { workloadRef } from '../k8s/rollout-workload.js';
import { formatDuration } from './parse-duration.js';
import { urlFailureWords } from './gate-url-check.js';
import type { UrlProbeOutcome } from './probe-url.js';
import type { RolloutOutcome } from './wait-for-rollout.js';

export interface GateFindings {
  rollout: RolloutOutcome;
  rolloutCheck: CheckResult;
  url?: { url: string; outcome: UrlProbeOutcome; check: CheckResult };
}

/**
 * Put the gate's own checks first in the report and make sure a failed gate never reads `healthy`: the
 * diagnosis looks at one moment, the gate watched the rollout and the URL for minutes. When the diagnosis
 * found nothing, the gate's evidence names the cause if it can (a failing new pod, with bad-rollout when an
 * older revision was still serving), else the verdict is `unknown` with that evidence.
 */
export function mergeGateFindings(report: DiagnosisReport, f: GateFindings): DiagnosisReport {
  const gateChecks = [f.rolloutCheck, ...(f.url ? [f.url.check] : [])];
  const checks = [...gateChecks, ...report.checks.filter((c) => !c.id.startsWith('gate-'))];
  const gatePassed = f.rollout.result === 'complete' && (f.url?.outcome.passed ?? true);
  if (report.verdict.cause !== 'healthy' || gatePassed) return { ...report, checks };
  return { ...report, checks, verdict: verdictFromGate(f, report.namespace) };
}

function verdictFromGate(f: GateFindings, namespace: string): Verdict {
  const { rollout, url } = f;
  const urlNote =
    url && !url.outcome.passed ? ` ${url.url} kept failing (${urlFailureWords(url.outcome)}).` : '';
  const failure = rollout.podFailure;
  if (failure && failure.cause !== 'config-error' && rollout.workload) {
    const ref = workloadRef(rollout.workload);
    const serving = rollout.servingRevision;
    if (serving && rollout.workload.kind === 'Deployment') {
      return {
        cause: 'bad-rollout',
        confidence: 'medium',
        summary: `The new revision of ${ref} fails (${failure.detail}) while revision ${serving.revision} still serves.${urlNote}`,
        actions: [
          {
            kind: 'rollback',
            target: ref,
            namespace,
            toRevision: serving.revision,
            reason: `revision ${serving.revision} still has ${serving.ready} ready pods`,
          },
        ],
      };
    }
    return {
      cause: failure.cause,
      confidence: 'medium',
      summary: `New pods of ${ref} fail: ${failure.detail}.${urlNote}`,
      actions: [],
    };
  }
  if (rollout.result !== 'complete') {
    const why =
      rollout.result === 'timeout'
        ? `The rollout did not complete within ${formatDuration(rollout.timeoutMs)} (${rollout.message})`
        : `The rollout failed (${rollout.message})`;
    return {
      cause: 'unknown',
      confidence: 'low',
      summary: `${why} and the diagnosis found no cause.${urlNote}`,
      actions: [],
    };
  }
  return {
    cause: 'unknown',
    confidence: 'low',
    summary: `The rollout completed, but${urlNote || ' the URL kept failing.'} The diagnosis found no cause in the cluster: look at the path in front of the app (load balancer, CDN, DNS).`,
    actions: [],
  };
}
