import { describe, expect, it } from 'vitest';
import { deployment, namespace } from '../../../src/sim/builders.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import type { PodBehavior } from '../../../src/sim/scenario.js';
import { makeWorld } from '../helpers/world.js';

function worldWith(behavior: PodBehavior, ageSeconds = 1800) {
  const w = makeWorld([
    namespace('shop'),
    deployment({ app: 'cart', namespace: 'shop', replicas: 1, behavior, ageSeconds }),
  ]);
  const pod = w.list(T.pods, 'shop')[0];
  const events = w.list(T.events, 'shop').filter((e) => e.involvedObject.name === pod.metadata.name);
  return { w, pod, events };
}

describe('kubelet behaviours', () => {
  it('crash-loop: CrashLoopBackOff or running, restarts growing, last exit code 1, BackOff events', () => {
    const { pod, events } = worldWith('crash-loop');
    const cs = pod.status.containerStatuses[0];
    expect(pod.status.phase).toBe('Running');
    expect(cs.ready).toBe(false);
    expect(cs.restartCount).toBeGreaterThan(5);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const backoff = events.find((e) => e.reason === 'BackOff');
    expect(backoff).toMatchObject({ type: 'Warning', source: { component: 'kubelet' } });
    expect(backoff.message).toBe(
      `Back-off restarting failed container app in pod ${pod.metadata.name}_shop(${pod.metadata.uid})`,
    );
    expect(backoff.count).toBeGreaterThan(1);
    expect(backoff.involvedObject).toMatchObject({
      kind: 'Pod',
      name: pod.metadata.name,
      fieldPath: 'spec.containers{app}',
    });
  });

  it('oom: last state OOMKilled with exit code 137', () => {
    const { pod } = worldWith('oom');
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
  });

  it('image-pull: waiting ImagePullBackOff with the registry "not found" Failed events', () => {
    const { pod, events } = worldWith('image-pull');
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0].state.waiting.reason).toBe('ImagePullBackOff');
    const msgs = events.filter((e) => e.reason === 'Failed').map((e) => e.message);
    expect(msgs).toContain('Error: ImagePullBackOff');
    expect(msgs).toContain('Error: ErrImagePull');
    expect(msgs.some((m: string) => /^Failed to pull image ".+": .*: not found$/.test(m))).toBe(true);
  });

  it('unschedulable: Pending without node, PodScheduled False and the scheduler FailedScheduling event', () => {
    const { pod, events } = worldWith('unschedulable');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.podIP).toBeUndefined();
    expect(pod.status.conditions[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
    });
    const e = events.find((x) => x.reason === 'FailedScheduling');
    expect(e.source.component).toBe('default-scheduler');
    expect(e.message).toBe(
      '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('readiness-failing: running, never ready, Unhealthy readiness 503 events', () => {
    const { pod, events } = worldWith('readiness-failing');
    expect(pod.status.containerStatuses[0]).toMatchObject({ ready: false, started: true, restartCount: 0 });
    const e = events.find((x) => x.reason === 'Unhealthy');
    expect(e.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(e.count).toBeGreaterThan(100);
  });

  it('slow-startup: liveness kills it before it is ready (Killing, 137, connection refused probes)', () => {
    const { pod, events } = worldWith('slow-startup');
    const cs = pod.status.containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThan(2);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(events.find((e) => e.reason === 'Killing').message).toBe(
      'Container app failed liveness probe, will be restarted',
    );
    const ip = pod.status.podIP;
    expect(events.map((e) => e.message)).toContain(
      `Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
    );
  });

  it('the same seed and clock give the same pod names and IPs', () => {
    const a = worldWith('ready').pod;
    const b = worldWith('ready').pod;
    expect(a.metadata.name).toBe(b.metadata.name);
    expect(a.status.podIP).toBe(b.status.podIP);
  });
});
