import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/** `15:02:11Z` — what an SRE pastes; the date is implied by "recent". */
export function clock(time: Date | string | undefined): string {
  if (!time) return '?';
  const d = typeof time === 'string' ? new Date(time) : time;
  return Number.isNaN(d.getTime()) ? '?' : `${d.toISOString().slice(11, 19)}Z`;
}

export function toDate(time: Date | string | undefined): Date | undefined {
  if (!time) return undefined;
  const d = typeof time === 'string' ? new Date(time) : time;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export const podName = (pod: V1Pod): string => pod.metadata?.name ?? '?';

export function containerStatuses(pod: V1Pod): V1ContainerStatus[] {
  return [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
}

export function isPodReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function isTerminating(pod: V1Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

export function restartCount(pod: V1Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

/** When the pod's current containers started (newest start), else the pod start time. */
export function podStartedAt(pod: V1Pod): Date | undefined {
  return toDate(pod.status?.startTime) ?? toDate(pod.metadata?.creationTimestamp);
}

/** The pod's IPs (status.podIPs, falling back to podIP). */
export function podIps(pod: V1Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => Boolean(ip));
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  return ips;
}

/** The owning ReplicaSet/StatefulSet name of a pod, when it has one. */
export function ownerName(pod: V1Pod): string | undefined {
  return pod.metadata?.ownerReferences?.find((o) => o.controller)?.name;
}
