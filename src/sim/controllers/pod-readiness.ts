import type { Condition, Pod } from './kube-types.js';

export function readyCondition(pod: Pod): Condition | undefined {
  const conds = (pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? [];
  return conds.find((c) => c.type === 'Ready');
}

/** Ready (and, with minReadySeconds, ready for long enough to count as available). */
export function isPodReady(pod: Pod, now: number, minReadySeconds = 0): boolean {
  const c = readyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : now;
  return now - since >= minReadySeconds * 1000;
}
