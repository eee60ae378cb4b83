import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { findRolloutPodFailure, unschedulablePods } from '../../src/k8s/rollout-pod-failure.js';

const now = new Date('2025-01-01T12:00:00Z');
const opts = { now, unschedulableGraceMs: 30_000 };

function pod(name: string, cs: Partial<V1ContainerStatus>, extra: Partial<V1Pod['status']> = {}): V1Pod {
  return {
    metadata: { name },
    spec: { containers: [{ name: 'app', resources: { limits: { memory: '256Mi' } } }] },
    status: {
      phase: 'Running',
      containerStatuses: [{ name: 'app', image: 'x:2', imageID: '', ready: false, restartCount: 0, ...cs }],
      ...extra,
    },
  };
}

const crashLoop = (restarts: number) =>
  ({
    restartCount: restarts,
    state: { waiting: { reason: 'CrashLoopBackOff' } },
    lastState: { terminated: { exitCode: 1, reason: 'Error' } },
  }) as Partial<V1ContainerStatus>;

describe('findRolloutPodFailure', () => {
  it('a single crash is not yet a failure; the second restart is', () => {
    expect(findRolloutPodFailure([pod('a', crashLoop(1))], opts)).toBeUndefined();
    const f = findRolloutPodFailure([pod('a', crashLoop(2))], opts);
    expect(f).toMatchObject({ pod: 'a', cause: 'crash-loop' });
    expect(f?.detail).toBe('container app CrashLoopBackOff, 2 restarts, last exit 1 (Error)');
  });

  it('two new pods crashing once each are the same revision crashing twice', () => {
    const f = findRolloutPodFailure([pod('a', crashLoop(1)), pod('b', crashLoop(1))], opts);
    expect(f?.cause).toBe('crash-loop');
    expect(f?.detail).toMatch(/2 new pods crash-looping/);
  });

  it('OOMKilled → oom-killed with the memory limit', () => {
    const f = findRolloutPodFailure(
      [pod('a', { restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } })],
      opts,
    );
    expect(f).toMatchObject({ cause: 'oom-killed' });
    expect(f?.detail).toMatch(/memory limit 256Mi/);
  });

  it.each(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'])('%s → image-pull at once', (reason) => {
    const f = findRolloutPodFailure(
      [pod('a', { state: { waiting: { reason, message: 'manifest unknown' } } })],
      opts,
    );
    expect(f).toMatchObject({ cause: 'image-pull' });
    expect(f?.detail).toContain('manifest unknown');
  });

  it('CreateContainerConfigError (missing Secret) → config-error', () => {
    const f = findRolloutPodFailure(
      [
        pod('a', {
          state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } },
        }),
      ],
      opts,
    );
    expect(f).toMatchObject({ cause: 'config-error' });
  });

  const pending = (since: string) =>
    pod(
      'p',
      {},
      {
        phase: 'Pending',
        containerStatuses: [],
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient memory.',
            lastTransitionTime: new Date(since),
          },
        ],
      },
    );

  it('Unschedulable only after the grace', () => {
    expect(findRolloutPodFailure([pending('2025-01-01T11:59:50Z')], opts)).toBeUndefined();
    const f = findRolloutPodFailure([pending('2025-01-01T11:59:00Z')], opts);
    expect(f).toMatchObject({ cause: 'unschedulable' });
    expect(f?.detail).toBe('Unschedulable for 60s: 0/3 nodes are available: 3 Insufficient memory.');
  });

  it('Unschedulable: the watcher’s own observation counts when the API clock is ahead', () => {
    const future = pending('2025-01-01T12:05:00Z');
    expect(findRolloutPodFailure([future], opts)).toBeUndefined();
    const seen = findRolloutPodFailure([future], {
      ...opts,
      unschedulableSeenAt: () => now.getTime() - 31_000,
    });
    expect(seen?.cause).toBe('unschedulable');
    expect(unschedulablePods([future, pod('ok', {})])).toEqual(['p']);
  });

  it('ready, starting and terminating pods are not failures', () => {
    const terminating = pod('t', crashLoop(5));
    terminating.metadata!.deletionTimestamp = now;
    expect(
      findRolloutPodFailure(
        [
          pod('r', { ready: true, state: { running: {} } }),
          pod('s', { state: { waiting: { reason: 'ContainerCreating' } } }),
          terminating,
        ],
        opts,
      ),
    ).toBeUndefined();
  });
});
