import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { clock, containerStatuses, podName } from './pod-facts.js';

export interface ContainerProblem {
  pod: V1Pod;
  status: V1ContainerStatus;
}

/** Every container status of the app's pods, with its pod. */
export function allContainerStatuses(pods: V1Pod[]): ContainerProblem[] {
  return pods.flatMap((pod) => containerStatuses(pod).map((status) => ({ pod, status })));
}

/** `checkout-7d9f-abcde: CrashLoopBackOff, exit code 1 (Error), 7 restarts, last at 15:02:11Z`. */
export function describeContainer({ pod, status }: ContainerProblem, multi: boolean): string {
  const who = multi ? `${podName(pod)}/${status.name}` : podName(pod);
  const parts: string[] = [];
  const waiting = status.state?.waiting?.reason;
  const term = status.state?.terminated ?? status.lastState?.terminated;
  if (waiting) parts.push(waiting);
  else if (status.state?.terminated) parts.push('Terminated');
  else if (status.state?.running) parts.push(status.ready ? 'Running' : 'Running, not ready');
  if (term) parts.push(`exit code ${term.exitCode}${term.reason ? ` (${term.reason})` : ''}`);
  parts.push(`${status.restartCount} restart${status.restartCount === 1 ? '' : 's'}`);
  if (term?.finishedAt) parts.push(`last at ${clock(term.finishedAt)}`);
  return `${who}: ${parts.join(', ')}`;
}

export const hasManyContainers = (pods: V1Pod[]): boolean =>
  pods.some((p) => (p.spec?.containers.length ?? 0) > 1);
