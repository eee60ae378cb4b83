import type { Container, Pod } from '../controllers/kube-types.js';
import { probePort } from './behavior-of.js';
import type { ContainerTimeline } from './container-timeline.js';
import type { Placement } from './pod-status.js';
import { containerProfile, pullFailure, timelinesOf, UNSCHEDULABLE_MESSAGE } from './pod-status.js';

/** One aggregated core/v1 Event as the kubelet or scheduler would have recorded it by `nowMs`. */
export interface EventSpec {
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  component: 'kubelet' | 'default-scheduler';
  fieldPath?: string;
  count: number;
  first: number;
  last: number;
}

function occurrences(times: number[], spec: Omit<EventSpec, 'count' | 'first' | 'last'>): EventSpec[] {
  if (times.length === 0) return [];
  return [{ ...spec, count: times.length, first: times[0]!, last: times[times.length - 1]! }];
}

/** Probe failures every `period` seconds between `from` and `to` (ms). */
function probeTimes(from: number, to: number, periodS: number): number[] {
  const out: number[] = [];
  for (let t = from + periodS * 1000; t <= to && out.length < 10_000; t += periodS * 1000) out.push(t);
  return out;
}

function probeUrl(
  container: Container,
  podIP: string,
  path: string | undefined,
  probe = container.livenessProbe,
) {
  const port = probePort(probe, container) ?? container.ports?.[0]?.containerPort ?? 8080;
  return { port, url: `http://${podIP}:${port}${path ?? probe?.httpGet?.path ?? '/'}` };
}

function containerEvents(
  pod: Pod,
  c: Container,
  tl: ContainerTimeline,
  index: number,
  placement: Placement,
  nowMs: number,
): EventSpec[] {
  const fieldPath = `spec.containers{${c.name}}`;
  const k = { component: 'kubelet' as const, fieldPath };
  const profile = containerProfile(pod, index);
  const out: EventSpec[] = [];
  if (profile.behavior === 'image-pull') {
    const a = tl.pullAttempts;
    out.push(
      ...occurrences(a, { ...k, type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"` }),
    );
    out.push(
      ...occurrences(a, {
        ...k,
        type: 'Warning',
        reason: 'Failed',
        message: `Failed to pull image "${c.image}": ${pullFailure(c.image)}`,
      }),
    );
    out.push(...occurrences(a, { ...k, type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' }));
    const backoffs = a.slice(1).map((t) => t - 500);
    out.push(
      ...occurrences(backoffs, {
        ...k,
        type: 'Normal',
        reason: 'BackOff',
        message: `Back-off pulling image "${c.image}"`,
      }),
    );
    out.push(
      ...occurrences(backoffs, {
        ...k,
        type: 'Warning',
        reason: 'Failed',
        message: 'Error: ImagePullBackOff',
      }),
    );
    return out;
  }
  if (tl.starts.length === 0) return out;
  const first = tl.starts[0]!;
  out.push(
    ...occurrences([first - 1500], {
      ...k,
      type: 'Normal',
      reason: 'Pulling',
      message: `Pulling image "${c.image}"`,
    }),
  );
  out.push(
    ...occurrences([first - 500], {
      ...k,
      type: 'Normal',
      reason: 'Pulled',
      message: `Successfully pulled image "${c.image}" in 1.032s (1.032s including waiting). Image size: 48213347 bytes.`,
    }),
  );
  out.push(
    ...occurrences(
      tl.starts.slice(1).map((t) => t - 200),
      {
        ...k,
        type: 'Normal',
        reason: 'Pulled',
        message: `Container image "${c.image}" already present on machine`,
      },
    ),
  );
  out.push(
    ...occurrences(
      tl.starts.map((t) => t - 100),
      { ...k, type: 'Normal', reason: 'Created', message: `Created container: ${c.name}` },
    ),
  );
  out.push(
    ...occurrences(tl.starts, {
      ...k,
      type: 'Normal',
      reason: 'Started',
      message: `Started container ${c.name}`,
    }),
  );

  // The kubelet reports BackOff on every sync while the container waits out its back-off.
  const backoffTimes: number[] = [];
  tl.exits.forEach((e, i) => {
    const until = tl.starts[i + 1] ?? nowMs;
    for (let t = e.finishedAt + 1000; t < until && backoffTimes.length < 10_000; t += 10_000)
      backoffTimes.push(t);
  });
  const podRef = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
  out.push(
    ...occurrences(backoffTimes, {
      ...k,
      type: 'Warning',
      reason: 'BackOff',
      message: `Back-off restarting failed container ${c.name} in pod ${podRef}`,
    }),
  );

  if (profile.behavior === 'readiness-failing' && c.readinessProbe) {
    const times = probeTimes(
      first + (c.readinessProbe.initialDelaySeconds ?? 0) * 1000,
      nowMs,
      c.readinessProbe.periodSeconds ?? 10,
    );
    out.push(
      ...occurrences(times, {
        ...k,
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      }),
    );
  }
  if (profile.behavior === 'slow-startup') {
    const refused = (probe: typeof c.livenessProbe) => {
      const { port, url } = probeUrl(c, placement.podIP, undefined, probe);
      return probe?.httpGet
        ? `Get "${url}": dial tcp ${placement.podIP}:${port}: connect: connection refused`
        : `dial tcp ${placement.podIP}:${port}: connect: connection refused`;
    };
    const live = c.livenessProbe;
    if (live) {
      const failures: number[] = [];
      tl.starts.forEach((s, i) => {
        const end = tl.exits[i]?.finishedAt ?? Math.min(nowMs, s + profile.startupSeconds * 1000);
        failures.push(
          ...probeTimes(
            s + (live.initialDelaySeconds ?? 0) * 1000 - (live.periodSeconds ?? 10) * 1000,
            end,
            live.periodSeconds ?? 10,
          ),
        );
      });
      out.push(
        ...occurrences(failures, {
          ...k,
          type: 'Warning',
          reason: 'Unhealthy',
          message: `Liveness probe failed: ${refused(live)}`,
        }),
      );
      out.push(
        ...occurrences(
          tl.exits.filter((e) => e.byLiveness).map((e) => e.finishedAt - 100),
          {
            ...k,
            type: 'Normal',
            reason: 'Killing',
            message: `Container ${c.name} failed liveness probe, will be restarted`,
          },
        ),
      );
    }
    const ready = c.readinessProbe;
    if (ready) {
      const failures: number[] = [];
      tl.starts.forEach((s, i) => {
        const end = tl.exits[i]?.finishedAt ?? Math.min(nowMs, s + profile.startupSeconds * 1000);
        failures.push(
          ...probeTimes(s + (ready.initialDelaySeconds ?? 0) * 1000, end, ready.periodSeconds ?? 10),
        );
      });
      out.push(
        ...occurrences(failures, {
          ...k,
          type: 'Warning',
          reason: 'Unhealthy',
          message: `Readiness probe failed: ${refused(ready)}`,
        }),
      );
    }
  }
  return out;
}

/** Every event the scheduler and kubelet would have emitted about this pod by `nowMs`. */
export function podEventsAt(
  pod: Pod,
  bornMs: number,
  nowMs: number,
  placement: Placement | undefined,
): EventSpec[] {
  const ns = pod.metadata.namespace ?? 'default';
  if (!placement) {
    const retries: number[] = [];
    for (let t = bornMs; t <= nowMs && retries.length < 1000; t += 300_000) retries.push(t);
    return occurrences(retries, {
      component: 'default-scheduler',
      type: 'Warning',
      reason: 'FailedScheduling',
      message: UNSCHEDULABLE_MESSAGE,
    });
  }
  const out: EventSpec[] = [
    {
      component: 'default-scheduler',
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${ns}/${pod.metadata.name} to ${placement.nodeName}`,
      count: 1,
      first: bornMs,
      last: bornMs,
    },
  ];
  const timelines = timelinesOf(pod, bornMs, nowMs);
  (pod.spec?.containers ?? []).forEach((c, i) => {
    out.push(...containerEvents(pod, c, timelines[i]!, i, placement, nowMs));
  });
  return out;
}
