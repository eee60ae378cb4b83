import type { Container } from '../controllers/kube-types.js';
import type { BehaviorProfile } from './behavior-of.js';
import { livenessKillSeconds } from './behavior-of.js';

/** Seconds from pod creation to the first container start (scheduling, sandbox, image pull). */
export const START_DELAY_S = 2;
/** Seconds a healthy app needs before its readiness probe passes. */
export const READY_DELAY_S = 3;
/** Seconds a `crash-loop` container runs before exiting 1; an `oom` one before the kernel kills it. */
const CRASH_RUN_S = 2;
const OOM_RUN_S = 8;
/** The kubelet's back-off: 10 s doubling to a 5 min cap. */
const BACKOFF_INITIAL_S = 10;
const BACKOFF_CAP_S = 300;
const IMAGE_PULL_BACKOFF_CAP_S = 300;

export interface ContainerExit {
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  reason: 'Error' | 'OOMKilled';
  /** Killed by the kubelet because its liveness probe failed. */
  byLiveness: boolean;
}

/** Where one container is at a given instant, and how it got there — everything status/events/logs need. */
export interface ContainerTimeline {
  /** unscheduled: no node; pulling: image never pulled; running: current instance up; backoff: waiting. */
  phase: 'unscheduled' | 'pulling' | 'running' | 'backoff';
  /** Start times of every instance so far (ms). */
  starts: number[];
  exits: ContainerExit[];
  /** Start of the current (or last) instance. */
  currentStart?: number;
  ready: boolean;
  /** When the current instance became Ready. */
  readySince?: number;
  /** image-pull: attempt times (ms). */
  pullAttempts: number[];
}

function backoff(restarts: number, cap: number): number {
  return Math.min(BACKOFF_INITIAL_S * 2 ** restarts, cap);
}

/**
 * The deterministic life of a container created at `bornMs`, seen at `nowMs`. Pure: the kubelet,
 * the events, the logs and the ingress traffic model all derive from it, so they always agree.
 */
export function containerTimeline(
  profile: BehaviorProfile,
  container: Container | undefined,
  bornMs: number,
  nowMs: number,
): ContainerTimeline {
  const base: ContainerTimeline = { phase: 'pulling', starts: [], exits: [], ready: false, pullAttempts: [] };
  const b = profile.behavior;
  if (b === 'unschedulable') return { ...base, phase: 'unscheduled' };
  if (b === 'image-pull') {
    const attempts: number[] = [];
    for (
      let t = bornMs + 1000, i = 0;
      t <= nowMs;
      t += (backoff(i, IMAGE_PULL_BACKOFF_CAP_S) + 1) * 1000, i++
    ) {
      attempts.push(t);
    }
    return { ...base, pullAttempts: attempts };
  }
  const firstStart = bornMs + START_DELAY_S * 1000;
  if (nowMs < firstStart) return base;

  const killAfter = livenessKillSeconds(container);
  let runSeconds: number | undefined;
  let exit: Omit<ContainerExit, 'startedAt' | 'finishedAt'> | undefined;
  if (b === 'crash-loop') {
    runSeconds = CRASH_RUN_S;
    exit = { exitCode: 1, reason: 'Error', byLiveness: false };
  } else if (b === 'oom') {
    runSeconds = OOM_RUN_S;
    exit = { exitCode: 137, reason: 'OOMKilled', byLiveness: false };
  } else if (b === 'slow-startup' && killAfter !== undefined && killAfter <= profile.startupSeconds) {
    runSeconds = killAfter;
    exit = { exitCode: 137, reason: 'Error', byLiveness: true };
  }

  if (runSeconds === undefined || exit === undefined) {
    return steady(profile, container, firstStart, nowMs);
  }

  const starts: number[] = [];
  const exits: ContainerExit[] = [];
  let start = firstStart;
  for (;;) {
    starts.push(start);
    const end = start + runSeconds * 1000;
    if (end > nowMs) {
      const ready = b === 'slow-startup' && !container?.readinessProbe;
      return {
        ...base,
        phase: 'running',
        starts,
        exits,
        currentStart: start,
        ready,
        readySince: ready ? start : undefined,
      };
    }
    exits.push({ ...exit, startedAt: start, finishedAt: end });
    const next = end + backoff(exits.length - 1, BACKOFF_CAP_S) * 1000;
    if (next > nowMs) return { ...base, phase: 'backoff', starts, exits, currentStart: start };
    start = next;
  }
}

function steady(
  profile: BehaviorProfile,
  container: Container | undefined,
  start: number,
  nowMs: number,
): ContainerTimeline {
  const b = profile.behavior;
  let readyAt: number | undefined;
  if (b === 'readiness-failing') readyAt = undefined;
  else if (b === 'slow-startup') {
    readyAt = container?.readinessProbe ? start + profile.startupSeconds * 1000 : start;
  } else {
    const delay = Math.min(container?.readinessProbe?.initialDelaySeconds ?? 0, READY_DELAY_S);
    readyAt = start + Math.max(delay, READY_DELAY_S) * 1000;
  }
  const ready = readyAt !== undefined && readyAt <= nowMs;
  return {
    phase: 'running',
    starts: [start],
    exits: [],
    currentStart: start,
    ready,
    readySince: ready ? readyAt : undefined,
    pullAttempts: [],
  };
}

/** Is the app inside the container accepting connections at `nowMs` (started and past its startup time)? */
export function appListening(profile: BehaviorProfile, timeline: ContainerTimeline, nowMs: number): boolean {
  if (timeline.phase !== 'running' || timeline.currentStart === undefined) return false;
  const up = nowMs - timeline.currentStart;
  if (profile.behavior === 'slow-startup') return up >= profile.startupSeconds * 1000;
  if (profile.behavior === 'crash-loop' || profile.behavior === 'oom') return up >= 500;
  return true;
}

/**
 * The timeline at an earlier instant `ms`, cut from one computed later: lives are deterministic, so the
 * past is a prefix. Lets the traffic model ask about hundreds of instants without replaying each.
 */
export function timelineBefore(
  full: ContainerTimeline,
  profile: BehaviorProfile,
  container: Container | undefined,
  ms: number,
): ContainerTimeline {
  const starts = full.starts.filter((s) => s <= ms);
  const exits = full.exits.filter((e) => e.finishedAt <= ms);
  const pullAttempts = full.pullAttempts.filter((p) => p <= ms);
  if (full.phase === 'unscheduled') return full;
  if (starts.length === 0) return { phase: 'pulling', starts, exits, ready: false, pullAttempts };
  const running = starts.length > exits.length;
  const currentStart = starts[starts.length - 1];
  let ready: boolean;
  let readySince: number | undefined;
  if (full.exits.length === 0 && full.phase === 'running') {
    ready = full.readySince !== undefined && full.readySince <= ms;
    readySince = ready ? full.readySince : undefined;
  } else {
    ready = running && profile.behavior === 'slow-startup' && !container?.readinessProbe;
    readySince = ready ? currentStart : undefined;
  }
  return {
    phase: running ? 'running' : 'backoff',
    starts,
    exits,
    currentStart,
    ready,
    readySince,
    pullAttempts,
  };
}
