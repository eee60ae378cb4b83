import type { V1Pod } from '@kubernetes/client-node';

/** One line per pod for evidence: `checkout-7d9f-abc Running, 0/1 ready, 3 restarts (CrashLoopBackOff)`. */
export function describePods(pods: V1Pod[], now: Date, max = 6): string[] {
  const lines = pods.slice(0, max).map((pod) => {
    const statuses = pod.status?.containerStatuses ?? [];
    const ready = statuses.filter((c) => c.ready).length;
    const restarts = statuses.reduce((n, c) => n + c.restartCount, 0);
    const waiting = statuses.map((c) => c.state?.waiting?.reason).filter((r): r is string => !!r);
    const unschedulable = pod.status?.conditions?.find(
      (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
    );
    const age = ageOf(pod.metadata?.creationTimestamp, now);
    const parts = [
      `${pod.status?.phase ?? 'Unknown'}`,
      `${ready}/${statuses.length || pod.spec?.containers.length || 0} ready`,
    ];
    if (restarts) parts.push(`${restarts} restarts`);
    if (waiting.length) parts.push(`(${[...new Set(waiting)].join(', ')})`);
    if (unschedulable) parts.push(`(Unschedulable: ${(unschedulable.message ?? '').split('\n')[0]})`);
    if (age) parts.push(`age ${age}`);
    return `${pod.metadata?.name ?? '?'} ${parts.join(', ')}`;
  });
  if (pods.length > max) lines.push(`… and ${pods.length - max} more pods`);
  return lines;
}

function ageOf(t: Date | string | undefined, now: Date): string | undefined {
  if (t === undefined) return undefined;
  const s = Math.round((now.getTime() - new Date(t).getTime()) / 1000);
  return Number.isFinite(s) && s >= 0 ? `${s}s` : undefined;
}
