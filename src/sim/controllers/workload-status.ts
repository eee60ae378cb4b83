import type { SimStore } from '../runtime.js';
import type { Condition, Deployment, Pod, ReplicaSet } from './kube-types.js';
import { asObj, clone, iso, stableStringify, toKube } from './kube-types.js';
import { availableCount, podsByOwner } from './deployment-controller.js';
import { isControlledBy } from './kube-types.js';
import { resolveFenceposts } from './rollout-plan.js';
import { isPodReady } from './pod-readiness.js';
import { T } from './resource-types.js';
import { templatesEqual } from './template-hash.js';
import type { WorldMemory } from './world-memory.js';

function writeStatus<O extends { status?: Record<string, unknown> }>(
  store: SimStore,
  obj: O,
  status: Record<string, unknown>,
) {
  if (stableStringify(status) === stableStringify(obj.status)) return;
  store.update(toKube({ ...(clone(obj) as unknown as Deployment), status }));
}

function keepTransition(prev: Condition | undefined, next: Condition): Condition {
  if (prev && prev.status === next.status && prev.reason === next.reason && prev.lastTransitionTime) {
    return { ...next, lastTransitionTime: prev.lastTransitionTime };
  }
  return next;
}

/** ReplicaSet and Deployment status, from the pods as the kubelet last reported them. */
export function reconcileWorkloadStatus(store: SimStore, memory: WorldMemory, now: number): void {
  const byOwner = podsByOwner(store);
  const podsOf = (rs: ReplicaSet) => byOwner.get(rs.metadata.uid ?? '') ?? [];
  const allRs = store.list(T.replicasets).map((o) => asObj<ReplicaSet>(o));
  for (const rs of allRs) {
    const pods = podsOf(rs);
    const ready = pods.filter((p) => isPodReady(p, now)).length;
    writeStatus(store, rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    });
  }
  for (const o of store.list(T.deployments)) {
    const d = asObj<Deployment>(o);
    if (!d.spec?.template) continue;
    const owned = allRs.filter((rs) => isControlledBy(rs, d));
    const newRs = owned.find((rs) => rs.spec && templatesEqual(rs.spec.template, d.spec!.template));
    const allPods: Pod[] = owned.flatMap((rs) => podsOf(rs));
    const newPods = newRs ? podsOf(newRs) : [];
    const desired = d.spec.replicas ?? 1;
    const minReady = d.spec.minReadySeconds ?? 0;
    const ready = allPods.filter((p) => isPodReady(p, now)).length;
    const available = availableCount(allPods, now, minReady);
    const updatedAvailable = availableCount(newPods, now, minReady);
    const complete = newPods.length === desired && updatedAvailable === desired && allPods.length === desired;

    const key = d.metadata.uid ?? `${d.metadata.namespace}/${d.metadata.name}`;
    const signature = `${newRs?.metadata.name}/${newRs?.spec?.replicas}/${newPods.length}/${updatedAvailable}/${allPods.length}`;
    const prog = memory.progress.get(key);
    if (!prog || (prog.signature !== '' && prog.signature !== signature))
      memory.progress.set(key, { signature, at: now });
    else if (prog.signature === '') memory.progress.set(key, { signature, at: prog.at });
    const progressAt = memory.progress.get(key)!.at;

    const prevConds = (d.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
    const prev = (t: string) => prevConds.find((c) => c.type === t);
    const rsName = newRs?.metadata.name ?? d.metadata.name;
    const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    const { unavailable } = resolveFenceposts({
      replicas: desired,
      maxSurge: d.spec.strategy?.rollingUpdate?.maxSurge,
      maxUnavailable: d.spec.strategy?.rollingUpdate?.maxUnavailable,
    });
    const minAvailable = desired - unavailable;
    const availableCond: Condition =
      available >= Math.min(minAvailable, desired)
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          };
    let progressing: Condition;
    if (complete) {
      progressing = {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      };
    } else if (now - progressAt > deadline) {
      progressing = {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
      };
    } else {
      progressing = {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${rsName}" is progressing.`,
      };
    }
    const exceededAt = progressAt + deadline;
    const stamp = (c: Condition, at: number): Condition => ({
      ...c,
      lastUpdateTime: iso(at),
      lastTransitionTime: iso(at),
    });
    const progAt = progressing.reason === 'ProgressDeadlineExceeded' ? exceededAt : progressAt;
    const conditions = [
      keepTransition(prev('Available'), {
        ...stamp(availableCond, progressAt),
        lastUpdateTime: prev('Available')?.lastUpdateTime ?? iso(progressAt),
      }),
      keepTransition(prev('Progressing'), stamp(progressing, progAt)),
    ];
    writeStatus(store, d, {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: allPods.length,
      updatedReplicas: newPods.length,
      readyReplicas: ready,
      availableReplicas: available,
      ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
      conditions,
    });
  }
}
