import type { Condition, Container, Pod } from '../controllers/kube-types.js';
import { iso } from '../controllers/kube-types.js';
import { fnv32a, seededRandom, hex } from './seeded-random.js';
import type { BehaviorProfile } from './behavior-of.js';
import { profileOf } from './behavior-of.js';
import type { ContainerTimeline } from './container-timeline.js';
import { containerTimeline } from './container-timeline.js';

export const UNSCHEDULABLE_MESSAGE =
  '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

/** The behaviour drives the first (app) container; any others are well-behaved sidecars. */
export function containerProfile(pod: Pod, index: number): BehaviorProfile {
  const p = profileOf(pod.metadata);
  return index === 0 ? p : { ...p, behavior: p.behavior === 'unschedulable' ? 'unschedulable' : 'ready' };
}

export function timelinesOf(pod: Pod, bornMs: number, nowMs: number): ContainerTimeline[] {
  return (pod.spec?.containers ?? []).map((c, i) =>
    containerTimeline(containerProfile(pod, i), c, bornMs, nowMs),
  );
}

function imageId(image: string): string {
  const r = seededRandom('image', image);
  const repo = image.replace(/:[^:/]+$/, '');
  return `${repo.includes('/') ? repo : `docker.io/library/${repo}`}@sha256:${hex(r, 64)}`;
}

function containerId(pod: Pod, name: string, instance: number): string {
  return `containerd://${hex(seededRandom('cid', pod.metadata.uid ?? pod.metadata.name, name, instance), 64)}`;
}

function containerStatus(pod: Pod, c: Container, tl: ContainerTimeline, profile: BehaviorProfile) {
  const restartCount = tl.exits.length;
  const last = tl.exits[tl.exits.length - 1];
  const base = {
    name: c.name,
    image: c.image,
    imageID: '',
    restartCount,
    ready: tl.ready,
    started: false,
    lastState: {} as Record<string, unknown>,
    containerID: undefined as string | undefined,
    state: {} as Record<string, unknown>,
  };
  if (tl.phase === 'pulling') {
    const attempts = tl.pullAttempts.length;
    if (profile.behavior !== 'image-pull' || attempts === 0)
      base.state = { waiting: { reason: 'ContainerCreating' } };
    else if (attempts === 1)
      base.state = { waiting: { reason: 'ErrImagePull', message: pullFailure(c.image) } };
    else {
      base.state = {
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${c.image}": ErrImagePull: ${pullFailure(c.image)}`,
        },
      };
    }
    return base;
  }
  base.imageID = imageId(c.image);
  base.containerID = containerId(pod, c.name, tl.starts.length - 1);
  if (last) {
    base.lastState = {
      terminated: {
        exitCode: last.exitCode,
        reason: last.reason,
        startedAt: iso(last.startedAt),
        finishedAt: iso(last.finishedAt),
        containerID: containerId(pod, c.name, tl.exits.length - 1),
      },
    };
  }
  if (tl.phase === 'running') {
    base.started = true;
    base.state = { running: { startedAt: iso(tl.currentStart ?? 0) } };
  } else {
    const backoffS = Math.min(10 * 2 ** Math.max(0, tl.exits.length - 1), 300);
    base.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${formatGoDuration(backoffS)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`,
      },
    };
  }
  return base;
}

/** Go's time.Duration String() for whole seconds: 10s, 1m20s, 5m0s. */
export function formatGoDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

export function pullFailure(image: string): string {
  const ref = image.includes('/') ? image : `docker.io/library/${image}`;
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

export interface Placement {
  nodeName: string;
  hostIP: string;
  podIP: string;
}

/** The status a kubelet (and the scheduler) would report for this pod at `nowMs`. */
export function podStatusAt(pod: Pod, bornMs: number, nowMs: number, placement: Placement | undefined) {
  const born = iso(bornMs);
  const profile = containerProfile(pod, 0);
  if (profile.behavior === 'unschedulable' || !placement) {
    return {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: born,
          reason: 'Unschedulable',
          message: UNSCHEDULABLE_MESSAGE,
        },
      ],
      qosClass: qosClass(pod),
    };
  }
  const containers = pod.spec?.containers ?? [];
  const timelines = timelinesOf(pod, bornMs, nowMs);
  const statuses = containers.map((c, i) => containerStatus(pod, c, timelines[i]!, containerProfile(pod, i)));
  const allReady = timelines.length > 0 && timelines.every((t) => t.ready);
  const anyStarted = timelines.some((t) => t.starts.length > 0);
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const readySince = Math.max(...timelines.map((t) => t.readySince ?? bornMs));
  const readyCond = (type: string): Condition =>
    allReady
      ? { type, status: 'True', lastProbeTime: null, lastTransitionTime: iso(readySince) }
      : {
          type,
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: iso(lastChange(timelines, bornMs)),
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${notReady.join(' ')}]`,
        };
  return {
    phase: anyStarted ? 'Running' : 'Pending',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: iso(bornMs + 1000),
      },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: born },
      readyCond('Ready'),
      readyCond('ContainersReady'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: born },
    ],
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    podIP: placement.podIP,
    podIPs: [{ ip: placement.podIP }],
    startTime: born,
    containerStatuses: statuses,
    qosClass: qosClass(pod),
  };
}

function lastChange(timelines: ContainerTimeline[], bornMs: number): number {
  const times = timelines.flatMap((t) => [...t.starts, ...t.exits.map((e) => e.finishedAt)]);
  return times.length ? Math.max(...times) : bornMs;
}

function qosClass(pod: Pod): string {
  const cs = pod.spec?.containers ?? [];
  const anyRes = cs.some((c) => c.resources?.requests || c.resources?.limits);
  if (!anyRes) return 'BestEffort';
  const guaranteed = cs.every(
    (c) =>
      c.resources?.limits?.cpu &&
      c.resources.limits.memory &&
      (c.resources.requests?.cpu ?? c.resources.limits.cpu) === c.resources.limits.cpu &&
      (c.resources.requests?.memory ?? c.resources.limits.memory) === c.resources.limits.memory,
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Used to give two pods of one template different (but stable) traffic shares and metrics. */
export function podJitter(pod: Pod): number {
  return (fnv32a(pod.metadata.name) % 1000) / 1000;
}
