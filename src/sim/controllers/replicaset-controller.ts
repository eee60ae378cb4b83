import type { SimStore } from '../runtime.js';
import { randomSuffix, seededRandom } from '../behaviors/seeded-random.js';
import { createPodFromTemplate } from './create-pod.js';
import type { Pod, ReplicaSet } from './kube-types.js';
import { asObj } from './kube-types.js';
import { isPodReady } from './pod-readiness.js';
import { podsByOwner } from './deployment-controller.js';
import { T } from './resource-types.js';
import type { WorldMemory } from './world-memory.js';

function podName(rs: ReplicaSet, taken: Set<string>, seed: number): string {
  const random = seededRandom(seed, rs.metadata.namespace ?? '', rs.metadata.name, taken.size);
  for (;;) {
    const name = `${rs.metadata.name}-${randomSuffix(random)}`;
    if (!taken.has(name)) return name;
  }
}

/** The ReplicaSet controller: as many pods as spec.replicas; surplus goes not-ready-first, newest-first. */
export function reconcileReplicaSets(store: SimStore, memory: WorldMemory, now: number): void {
  const byOwner = podsByOwner(store);
  for (const obj of store.list(T.replicasets)) {
    const rs = asObj<ReplicaSet>(obj);
    if (!rs.spec?.template) continue;
    const pods = byOwner.get(rs.metadata.uid ?? '') ?? [];
    const want = rs.spec.replicas ?? 1;
    if (pods.length < want) {
      const taken = new Set([...byOwner.values()].flat().map((p) => p.metadata.name));
      const born = memory.takeNextPodBirth(rs.metadata.uid, now);
      for (let i = pods.length; i < want; i++) {
        const name = podName(rs, taken, memory.seed);
        taken.add(name);
        createPodFromTemplate(store, memory, rs, rs.spec.template, name, born);
      }
    } else if (pods.length > want) {
      const victims = [...pods]
        .sort((a, b) => rank(a, now) - rank(b, now) || memory.bornOf(b, now) - memory.bornOf(a, now))
        .slice(0, pods.length - want);
      for (const p of victims) store.delete(T.pods, p.metadata.namespace, p.metadata.name);
    }
    memory.clearNextPodBirth(rs.metadata.uid);
  }
  collectOrphanPods(store);
}

function rank(pod: Pod, now: number): number {
  return isPodReady(pod, now) ? 1 : 0;
}

/** Pods whose controlling ReplicaSet/StatefulSet no longer exists are deleted, like the garbage collector. */
function collectOrphanPods(store: SimStore): void {
  const owners = new Set([
    ...store.list(T.replicasets).map((o) => o.metadata.uid as string | undefined),
    ...store.list(T.statefulsets).map((o) => o.metadata.uid as string | undefined),
  ]);
  for (const o of store.list(T.pods)) {
    const pod = asObj<Pod>(o);
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (ref && (ref.kind === 'ReplicaSet' || ref.kind === 'StatefulSet') && !owners.has(ref.uid)) {
      store.delete(T.pods, pod.metadata.namespace, pod.metadata.name);
    }
  }
}
