import type { V1Pod } from '@kubernetes/client-node';
import type { Cause } from '../diagnosis/report.js';

/** A new pod that will not become ready by waiting: the rollout can be called failed now. */
export interface RolloutPodFailure {
  pod: string;
  container?: string;
  cause: Extract<Cause, 'crash-loop' | 'oom-killed' | 'image-pull' | 'unschedulable'> | 'config-error';
  /** What the pod shows, for evidence (`CrashLoopBackOff, 3 restarts, last exit 1 (Error)`). */
  detail: string;
}

export interface PodFailureOptions {
  now: Date;
  /** How long Pending/Unschedulable may last: the cluster autoscaler often adds a node within it. */
  unschedulableGraceMs: number;
  /** CrashLoopBackOff is only "clearly failing" after this many restarts (one crash can be a blip). */
  minRestarts?: number;
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError']);

/**
 * The first clearly failing pod among a rollout's new pods, or undefined. "Clearly": states that do not
 * resolve by themselves within the rollout — a crash loop with ≥2 restarts, an OOM kill, an image that
 * cannot be pulled, a missing Secret/ConfigMap, or a pod unschedulable for longer than the grace.
 */
export function findRolloutPodFailure(pods: V1Pod[], opts: PodFailureOptions): RolloutPodFailure | undefined {
  const minRestarts = opts.minRestarts ?? 2;
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.deletionTimestamp) continue;
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    for (const cs of statuses) {
      const waiting = cs.state?.waiting?.reason;
      const last = cs.lastState?.terminated;
      const current = cs.state?.terminated;
      const lastExit = last ? `, last exit ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : '';
      if (last?.reason === 'OOMKilled' || current?.reason === 'OOMKilled') {
        return {
          pod: name,
          container: cs.name,
          cause: 'oom-killed',
          detail: `container ${cs.name} OOMKilled (exit 137), ${cs.restartCount} restarts${limitOf(pod, cs.name)}`,
        };
      }
      if (waiting && IMAGE_PULL.has(waiting)) {
        return {
          pod: name,
          container: cs.name,
          cause: 'image-pull',
          detail: `container ${cs.name} ${waiting}: ${firstLine(cs.state?.waiting?.message) || cs.image}`,
        };
      }
      if (waiting && CONFIG.has(waiting)) {
        return {
          pod: name,
          container: cs.name,
          cause: 'config-error',
          detail: `container ${cs.name} ${waiting}: ${firstLine(cs.state?.waiting?.message)}`,
        };
      }
      if (waiting === 'CrashLoopBackOff' && cs.restartCount >= minRestarts) {
        return {
          pod: name,
          container: cs.name,
          cause: 'crash-loop',
          detail: `container ${cs.name} CrashLoopBackOff, ${cs.restartCount} restarts${lastExit}`,
        };
      }
    }
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (
      pod.status?.phase === 'Pending' &&
      scheduled?.status === 'False' &&
      scheduled.reason === 'Unschedulable'
    ) {
      const since = toMs(scheduled.lastTransitionTime) ?? toMs(pod.metadata?.creationTimestamp);
      const pendingMs = since === undefined ? 0 : opts.now.getTime() - since;
      if (pendingMs >= opts.unschedulableGraceMs) {
        return {
          pod: name,
          cause: 'unschedulable',
          detail: `Unschedulable for ${Math.round(pendingMs / 1000)}s: ${firstLine(scheduled.message)}`,
        };
      }
    }
  }
  return undefined;
}

/** When the earliest still-unschedulable new pod passes the grace (so the waiter can re-check then). */
export function nextUnschedulableDeadline(pods: V1Pod[], graceMs: number): number | undefined {
  let next: number | undefined;
  for (const pod of pods) {
    const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
    if (c?.status !== 'False' || c.reason !== 'Unschedulable') continue;
    const since = toMs(c.lastTransitionTime) ?? toMs(pod.metadata?.creationTimestamp);
    if (since === undefined) continue;
    next = Math.min(next ?? Infinity, since + graceMs);
  }
  return next;
}

function toMs(t: Date | string | undefined): number | undefined {
  if (t === undefined) return undefined;
  const ms = new Date(t).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]?.slice(0, 300) ?? '';
}

function limitOf(pod: V1Pod, container: string): string {
  const limit = pod.spec?.containers.find((c) => c.name === container)?.resources?.limits?.memory;
  return limit ? `, memory limit ${limit}` : '';
}
