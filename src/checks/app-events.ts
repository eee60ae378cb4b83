import type { CoreV1Event } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import { appObjectNames } from './app-objects.js';
import { toDate } from './pod-facts.js';

/** The app's Warning events only: another app's crash-loop must never colour this diagnosis. */
export function appEvents(snapshot: ClusterSnapshot): CoreV1Event[] {
  if (!snapshot.events.ok) return [];
  const { exact, podPrefixes } = appObjectNames(snapshot);
  return snapshot.events.value.filter((e) => {
    const name = e.involvedObject.name ?? '';
    if (exact.has(name)) return true;
    return e.involvedObject.kind === 'Pod' && podPrefixes.some((p) => name.startsWith(p));
  });
}

export function eventTime(e: CoreV1Event): Date | undefined {
  return (
    toDate(e.lastTimestamp) ??
    toDate(e.series?.lastObservedTime) ??
    toDate(e.eventTime) ??
    toDate(e.firstTimestamp) ??
    toDate(e.metadata.creationTimestamp)
  );
}

export const eventCount = (e: CoreV1Event): number => e.series?.count ?? e.count ?? 1;
