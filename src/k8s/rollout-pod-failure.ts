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
  /**
   * When the watcher first saw a pod Unschedulable (its own clock). The pending time is the longer of
   * that and the condition's lastTransitionTime, so clock skew between the runner and the API server
   * neither fails a pod early nor hides one that was stuck before the gate started.
   */
  unschedulableSeenAt?: (pod: string) => number | undefined;
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
  const looping: RolloutPodFailure[] = [];
  let loopRestarts = 0;
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
      if (waiting === 'CrashLoopBackOff') {
        loopRestarts += cs.restartCount;
        looping.push({
          pod: name,
          container: cs.name,
          cause: 'crash-loop',
          detail: `container ${cs.name} CrashLoopBackOff, ${cs.restartCount} restarts${lastExit}`,
        });
      }
    }
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (
      pod.status?.phase === 'Pending' &&
      scheduled?.status === 'False' &&
      scheduled.reason === 'Unschedulable'
    ) {
      const pendingMs = unschedulableFor(pod, name, scheduled.lastTransitionTime, opts);
      if (pendingMs >= opts.unschedulableGraceMs) {
        return {
          pod: name,
          cause: 'unschedulable',
          detail: `Unschedulable for ${Math.round(pendingMs / 1000)}s: ${firstLine(scheduled.message)}`,
        };
      }
    }
  }
  // The same new revision crashing twice — in one pod or across several — is no blip.
  if (loopRestarts >= minRestarts && looping[0]) {
    const first = looping[0];
    return looping.length > 1
      ? {
          ...first,
          detail: `${first.detail} (${looping.length} new pods crash-looping, ${loopRestarts} restarts)`,
        }
      : first;
  }
  return undefined;
}

/** The names of new pods that are Unschedulable now (the waiter records when it first saw each). */
export function unschedulablePods(pods: V1Pod[]): string[] {
  return pods
    .filter((pod) => {
      const c = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
      return pod.status?.phase === 'Pending' && c?.status === 'False' && c.reason === 'Unschedulable';
    })
    .map((pod) => pod.metadata?.name ?? '');
}

function unschedulableFor(
  pod: V1Pod,
  name: string,
  since: Date | string | undefined,
  opts: PodFailureOptions,
): number {
  const now = opts.now.getTime();
  const byCondition = toMs(since) ?? toMs(pod.metadata?.creationTimestamp);
  const seen = opts.unschedulableSeenAt?.(name);
  return Math.max(byCondition === undefined ? 0 : now - byCondition, seen === undefined ? 0 : now - seen);
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
