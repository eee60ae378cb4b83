import type { V1Deployment } from '@kubernetes/client-node';
import type { ExpectedTarget } from './approval.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function liveRevision(d: V1Deployment): number | undefined {
  const n = Number(d.metadata?.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Compares the target as re-read just before acting with what the diagnosis saw; returns why acting now
 * would be acting on something nobody looked at, or undefined when it is the same rollout.
 *
 * The revision annotation moves with every template change once the controller has seen it, and the
 * window before it has (generation ahead of observedGeneration) is refused too — so "same uid, same
 * revision, nothing pending" means "same template". resourceVersion is deliberately not compared: status
 * updates bump it constantly; the write itself is guarded on it instead (see `guarded-patch.ts`).
 */
export function staleReason(expected: ExpectedTarget, live: V1Deployment | undefined): string | undefined {
  const name = `deployment/${expected.name}`;
  if (!live?.metadata) return `${name} no longer exists in ${expected.namespace}`;
  const meta = live.metadata;
  if (expected.uid && meta.uid !== expected.uid) {
    return `${name} was deleted and re-created since the diagnosis (uid ${expected.uid} → ${meta.uid ?? '?'})`;
  }
  const revision = liveRevision(live);
  if (expected.revision !== undefined && revision !== expected.revision) {
    return `${name} rolled out since the diagnosis (revision ${expected.revision} → ${revision ?? '?'})`;
  }
  const generation = meta.generation ?? 0;
  const observed = live.status?.observedGeneration ?? 0;
  if (generation > observed) {
    return `${name} has a change the controller has not processed yet (generation ${generation}, observed ${observed})`;
  }
  return undefined;
}
