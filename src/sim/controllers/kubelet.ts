import type { SimStore } from '../runtime.js';
import { BEHAVIOR_ANNOTATION } from '../scenario.js';
import { podEventsAt } from '../behaviors/pod-events.js';
import { podStatusAt } from '../behaviors/pod-status.js';
import { recordEvent } from './event-recorder.js';
import type { Pod } from './kube-types.js';
import { asObj, clone, stableStringify, toKube } from './kube-types.js';
import { placePod, placementOf, usedPodIps } from './placement.js';
import { T } from './resource-types.js';
import type { WorldMemory } from './world-memory.js';

/** A bare scenario pod that brings its own status and no behaviour is shown exactly as given. */
function keptAsGiven(pod: Pod): boolean {
  const hasBehavior = pod.metadata.annotations?.[BEHAVIOR_ANNOTATION] !== undefined;
  const owned = (pod.metadata.ownerReferences ?? []).some((r) => r.controller);
  return !hasBehavior && !owned && typeof (pod.status as { phase?: string } | undefined)?.phase === 'string';
}

/**
 * The scheduler + kubelet: binds bare pods, then publishes each pod's status and the events that
 * explain it. Writes only when something changed, so a steady world causes no watch traffic.
 */
export function reconcileKubelet(store: SimStore, memory: WorldMemory, now: number): void {
  for (const obj of store.list(T.pods)) {
    let pod = asObj<Pod>(obj);
    if (keptAsGiven(pod)) continue;
    const born = memory.bornOf(pod, now);
    let placement = placementOf(pod);
    const unschedulable = pod.metadata.annotations?.[BEHAVIOR_ANNOTATION] === 'unschedulable';
    if (!placement && !unschedulable) {
      placement = pod.spec?.nodeName
        ? { ...placePod(pod.metadata.name, usedPodIps(store), memory.seed), nodeName: pod.spec.nodeName }
        : placePod(pod.metadata.name, usedPodIps(store), memory.seed);
      const next = clone(pod);
      next.spec = { ...next.spec!, nodeName: placement.nodeName };
      next.status = { ...(next.status ?? {}), podIP: placement.podIP, hostIP: placement.hostIP };
      pod = asObj<Pod>(store.update(toKube(next)));
    }
    const status = podStatusAt(pod, born, now, placement);
    if (stableStringify(status) !== stableStringify(pod.status)) {
      pod = asObj<Pod>(store.update(toKube({ ...pod, status })));
    }
    for (const e of podEventsAt(pod, born, now, placement)) {
      recordEvent(store, pod, { ...e, host: e.component === 'kubelet' ? placement?.nodeName : undefined });
    }
  }
}
