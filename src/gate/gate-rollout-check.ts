import type { CheckResult } from '../diagnosis/report.js';
import { readyReplicas, rolloutRevision, workloadRef } from '../k8s/rollout-workload.js';
import { formatDuration } from './parse-duration.js';
import type { RolloutOutcome } from './wait-for-rollout.js';

/** The gate's own finding about the rollout, as a check of the report (`gate-rollout`). */
export function gateRolloutCheck(outcome: RolloutOutcome): CheckResult {
  const base = { id: 'gate-rollout', runbookStep: '1', durationMs: outcome.elapsedMs };
  const w = outcome.workload;
  const ref = w ? workloadRef(w) : undefined;
  const revision = w ? rolloutRevision(w) : undefined;
  const counts = w ? readyReplicas(w) : undefined;
  const evidence: string[] = [];
  if (ref) {
    const rev = revision ? `, revision ${revision}` : '';
    evidence.push(`${ref}${rev}: ${counts?.ready ?? 0}/${counts?.desired ?? 0} ready`);
  }
  if (outcome.podFailure)
    evidence.push(`failing new pod ${outcome.podFailure.pod}: ${outcome.podFailure.detail}`);
  for (const p of outcome.progress) evidence.push(`+${formatDuration(p.atMs)} ${p.message}`);
  for (const line of outcome.newPods) evidence.push(`new pod ${line}`);
  if (outcome.servingRevision) {
    const s = outcome.servingRevision;
    evidence.push(
      `previous revision ${s.revision} (replicaset ${s.replicaSet}) still has ${s.ready} ready pods`,
    );
  }
  for (const t of outcome.troubles.slice(-3)) evidence.push(`watch: ${t}`);

  const waited = formatDuration(outcome.elapsedMs);
  switch (outcome.result) {
    case 'complete':
      return { ...base, status: 'ok', summary: `rollout complete in ${waited}`, evidence };
    case 'not-found':
      return { ...base, status: 'fail', summary: outcome.message, evidence: [outcome.message] };
    case 'timeout':
      return {
        ...base,
        status: 'fail',
        summary: `rollout did not complete within ${formatDuration(outcome.timeoutMs)}: ${outcome.message}`,
        evidence,
      };
    case 'failed':
      return {
        ...base,
        status: 'fail',
        summary: outcome.podFailure
          ? `rollout failed after ${waited}: new pods ${failureWords[outcome.podFailure.cause]}`
          : `rollout failed after ${waited}: ${outcome.message}`,
        evidence: evidence.length ? evidence : [outcome.message],
      };
  }
}

const failureWords = {
  'crash-loop': 'crash-loop',
  'oom-killed': 'are OOMKilled',
  'image-pull': 'cannot pull their image',
  unschedulable: 'cannot be scheduled',
  'config-error': 'cannot create their containers',
} as const;
