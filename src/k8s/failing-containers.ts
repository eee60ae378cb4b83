import type { V1Pod } from '@kubernetes/client-node';

export interface LogTarget {
  pod: string;
  container: string;
  previous: boolean;
}

/**
 * The containers whose logs explain a failure: restarted ones (their previous instance holds the crash)
 * and running-but-not-ready ones. Bounded so the request count never grows with the number of pods:
 * the same failure in 200 replicas is told by its first few.
 */
export function pickFailingContainers(pods: V1Pod[], max = 3): LogTarget[] {
  const targets: LogTarget[] = [];
  const seenContainers = new Set<string>();
  const ordered = [...pods].sort((a, b) =>
    String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
  );
  for (const pod of ordered) {
    for (const cs of pod.status?.containerStatuses ?? []) {
      if (targets.length >= max) return targets;
      const restarted = cs.restartCount > 0 && cs.lastState?.terminated !== undefined;
      const runningNotReady = cs.state?.running !== undefined && !cs.ready;
      if (!restarted && !runningNotReady) continue;
      // One sample per container name first; a second pod of the same container only if room remains.
      if (seenContainers.has(cs.name) && targets.length >= Math.ceil(max / 2)) continue;
      seenContainers.add(cs.name);
      targets.push({ pod: pod.metadata?.name ?? '', container: cs.name, previous: restarted });
    }
  }
  return targets;
}
