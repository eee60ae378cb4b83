import type { SimStore } from '../runtime.js';
import type { Pod } from '../controllers/kube-types.js';
import { asObj } from '../controllers/kube-types.js';
import { placementOf } from '../controllers/placement.js';
import { T } from '../controllers/resource-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import type { BehaviorProfile } from './behavior-of.js';
import type { ContainerTimeline } from './container-timeline.js';
import { containerTimeline, timelineBefore } from './container-timeline.js';
import type { Placement } from './pod-status.js';
import { containerProfile } from './pod-status.js';

/** A pod with what the world knows about it: behaviour, app-container life at `now`, node and IP. */
export interface PodView {
  pod: Pod;
  profile: BehaviorProfile;
  bornMs: number;
  placement: Placement | undefined;
  timelineAt(ms: number): ContainerTimeline;
}

export function viewPod(pod: Pod, memory: WorldMemory, now: number): PodView {
  const bornMs = memory.bornOf(pod, now);
  const profile = containerProfile(pod, 0);
  const container = pod.spec?.containers[0];
  const full = containerTimeline(profile, container, bornMs, now);
  return {
    pod,
    profile,
    bornMs,
    placement: placementOf(pod),
    timelineAt: (ms) =>
      ms >= now
        ? containerTimeline(profile, container, bornMs, ms)
        : timelineBefore(full, profile, container, ms),
  };
}

export function findPod(store: SimStore, namespace: string, name: string): Pod | undefined {
  const o = store.get(T.pods, namespace, name);
  return o ? asObj<Pod>(o) : undefined;
}
