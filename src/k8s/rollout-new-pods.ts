import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { REVISION_ANNOTATION, type RolloutWorkload } from './rollout-workload.js';

export interface RolloutRevisions {
  /** Pods of the revision being rolled out; empty while its ReplicaSet is not known yet. */
  newPods: V1Pod[];
  /** The newest earlier Deployment revision that still has ready pods (it was serving). */
  servingRevision?: { revision: number; ready: number; replicaSet: string };
}

function ownedBy(
  obj: { metadata?: { ownerReferences?: { uid: string }[] } },
  uid: string | undefined,
): boolean {
  return uid !== undefined && (obj.metadata?.ownerReferences ?? []).some((o) => o.uid === uid);
}

function revisionOf(rs: V1ReplicaSet): number {
  const n = Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Split an app's pods by revision. Only pods of the new revision may end the wait early: an old revision
 * that was already crash-looping must not fail a rollout that is about to fix it. So until the
 * Deployment's revision annotation names an existing ReplicaSet, no pod counts as new.
 */
export function rolloutRevisions(
  w: RolloutWorkload,
  replicaSets: V1ReplicaSet[],
  pods: V1Pod[],
): RolloutRevisions {
  if (w.kind === 'StatefulSet') {
    const update = w.object.status?.updateRevision;
    if (!update) return { newPods: [] };
    return { newPods: pods.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === update) };
  }
  const uid = w.object.metadata?.uid;
  const current = Number(w.object.metadata?.annotations?.[REVISION_ANNOTATION]);
  const owned = replicaSets.filter((rs) => ownedBy(rs, uid));
  const newRs = owned.find((rs) => revisionOf(rs) === current);
  const hash = newRs?.metadata?.labels?.['pod-template-hash'];
  const newPods = newRs
    ? pods.filter(
        (p) =>
          ownedBy(p, newRs.metadata?.uid) ||
          (hash !== undefined && p.metadata?.labels?.['pod-template-hash'] === hash),
      )
    : [];
  const serving = owned
    .filter((rs) => revisionOf(rs) < current && (rs.status?.readyReplicas ?? 0) > 0)
    .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  return {
    newPods,
    servingRevision: serving
      ? {
          revision: revisionOf(serving),
          ready: serving.status?.readyReplicas ?? 0,
          replicaSet: serving.metadata?.name ?? '',
        }
      : undefined,
  };
}
