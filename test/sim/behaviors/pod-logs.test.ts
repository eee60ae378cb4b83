import { describe, expect, it } from 'vitest';
import { deployment, namespace, service } from '../../../src/sim/builders.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import type { PodBehavior } from '../../../src/sim/scenario.js';
import { makeWorld } from '../helpers/world.js';

function world(behavior: PodBehavior, ageSeconds = 1800) {
  const w = makeWorld([
    namespace('shop'),
    deployment({
      app: 'cart',
      namespace: 'shop',
      replicas: 1,
      behavior,
      ageSeconds,
      probePort: behavior === 'not-listening' ? 9090 : undefined,
    }),
    service({ name: 'cart', namespace: 'shop' }),
  ]);
  const pod = w.list(T.pods, 'shop')[0];
  const logs = (req: Record<string, unknown> = {}) =>
    w.runtime.logs(w.store, { namespace: 'shop', pod: pod.metadata.name, ...req }, w.now());
  return { w, pod, logs };
}

function statusOf(fn: () => unknown): { statusCode?: number; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { statusCode?: number; message: string };
  }
  throw new Error('expected an error');
}

describe('pod logs', () => {
  it('crash-loop: the current and previous instance print the ECONNREFUSED stack trace', () => {
    const { logs } = world('crash-loop');
    expect(logs().join('\n')).toContain('Error: connect ECONNREFUSED 10.96.0.20:5432');
    expect(logs({ previous: true }).join('\n')).toContain("code: 'ECONNREFUSED'");
  });

  it('previous without a restart is the API server 400', () => {
    const { logs, pod } = world('ready');
    const err = statusOf(() => logs({ previous: true }));
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe(`previous terminated container "app" in pod "${pod.metadata.name}" not found`);
  });

  it('an unknown container is a 400 like the real API', () => {
    const { logs, pod } = world('ready');
    const err = statusOf(() => logs({ container: 'sidecar' }));
    expect(err).toMatchObject({
      statusCode: 400,
      message: `container sidecar is not valid for pod ${pod.metadata.name}`,
    });
  });

  it('a container that never started (image pull) cannot give logs', () => {
    const { logs, pod } = world('image-pull');
    expect(statusOf(() => logs()).message).toBe(
      `container "app" in pod "${pod.metadata.name}" is waiting to start: trying and failing to pull image`,
    );
  });

  it('honours tailLines, sinceSeconds and timestamps', () => {
    const { logs, w } = world('ready');
    expect(logs({ tailLines: 3 })).toHaveLength(3);
    const stamped = logs({ timestamps: true, sinceSeconds: 60 });
    expect(stamped.length).toBeGreaterThan(2);
    const cutoff = w.now().getTime() - 60_000;
    for (const line of stamped) {
      const ts = Date.parse(line.split(' ')[0]!);
      expect(ts).toBeGreaterThanOrEqual(cutoff);
      expect(ts).toBeLessThanOrEqual(w.now().getTime());
    }
  });

  it('oom logs show a growing heap; slow-startup logs wait for the database', () => {
    const heap = world('oom')
      .logs({ previous: true })
      .filter((l) => /MB heap used/.test(l))
      .map((l) => Number(/(\d+) MB/.exec(l)![1]));
    expect(heap.length).toBeGreaterThan(2);
    expect(heap[heap.length - 1]!).toBeGreaterThan(heap[0]!);
    expect(world('slow-startup').logs().join('\n')).toMatch(/waiting for database…/);
  });
});

describe('API server proxy answers', () => {
  const proxy = (w: ReturnType<typeof world>['w'], resource: 'services' | 'pods', name: string) =>
    w.runtime.proxy(w.store, { namespace: 'shop', resource, name, path: '/healthz' }, w.now());

  it('ready pods answer 200 ok through the service proxy', () => {
    const { w } = world('ready');
    expect(proxy(w, 'services', 'cart')).toEqual({ kind: 'response', status: 200, body: 'ok' });
  });

  it('no ready endpoints: 503 "no endpoints available for service"', () => {
    const { w } = world('readiness-failing');
    expect(proxy(w, 'services', 'cart')).toEqual({
      kind: 'response',
      status: 503,
      body: 'no endpoints available for service "cart"',
    });
  });

  it('not-listening: the dial is refused on the pod IP and port', () => {
    const { w, pod } = world('not-listening');
    expect(proxy(w, 'services', 'cart')).toEqual({
      kind: 'unreachable',
      message: `error trying to reach service: dial tcp ${pod.status.podIP}:8080: connect: connection refused`,
    });
  });

  it('readiness-failing answers 503 through the pod proxy; slow answers are delayed', () => {
    const { w, pod } = world('readiness-failing');
    expect(proxy(w, 'pods', pod.metadata.name)).toMatchObject({ kind: 'response', status: 503 });
    const slow = world('slow');
    expect(proxy(slow.w, 'services', 'cart')).toMatchObject({ status: 200, delayMs: 30_000 });
  });
});

describe('pod metrics', () => {
  it('saturated pods sit at their limits; healthy ones well below; absent without metrics-server', () => {
    const cpu = (b: PodBehavior) => {
      const { w } = world(b);
      const m = w.runtime.podMetrics(w.store, 'shop', w.now())!;
      return Number(m[0]!.containers[0]!.usage.cpu.replace('n', '')) / 1e6;
    };
    expect(cpu('saturated')).toBeGreaterThanOrEqual(475);
    expect(cpu('ready')).toBeLessThan(100);
    const w = makeWorld([namespace('shop')], { scenario: { metricsServer: false } });
    expect(w.runtime.podMetrics(w.store, 'shop', w.now())).toBeUndefined();
  });
});
