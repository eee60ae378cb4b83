import { describe, expect, it } from 'vitest';
import { deployment, namespace, service } from '../../../src/sim/builders.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import { BEHAVIOR_ANNOTATION } from '../../../src/sim/scenario.js';
import { makeWorld } from '../helpers/world.js';
import type { Json } from '../helpers/world.js';

const sliceOf = (w: ReturnType<typeof makeWorld>, svc: string) =>
  w.list(T.endpointslices, 'shop').find((s) => s.metadata.labels['kubernetes.io/service-name'] === svc);

describe('EndpointSlice and Endpoints controllers', () => {
  it('publishes ready pods as ready endpoints with the named targetPort resolved to the container port', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop', replicas: 2, ageSeconds: 600 }),
      service({ name: 'cart', namespace: 'shop', targetPort: 'http' }),
    ]);
    const slice = sliceOf(w, 'cart');
    expect(slice).toMatchObject({
      apiVersion: 'discovery.k8s.io/v1',
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
    expect(slice.metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe(
      'endpointslice-controller.k8s.io',
    );
    expect(slice.endpoints).toHaveLength(2);
    for (const e of slice.endpoints) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
      expect(e.targetRef.kind).toBe('Pod');
      expect(e.addresses[0]).toMatch(/^10\.244\./);
    }
    const ep = w.get(T.endpoints, 'shop', 'cart');
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('lists not-ready pods as not ready, and follows them when they become ready', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop', replicas: 1, ageSeconds: 0 }),
      service({ name: 'cart', namespace: 'shop' }),
    ]);
    expect(sliceOf(w, 'cart').endpoints[0].conditions.ready).toBe(false);
    expect(w.get(T.endpoints, 'shop', 'cart').subsets[0].notReadyAddresses).toHaveLength(1);
    w.advance(8);
    expect(sliceOf(w, 'cart').endpoints[0].conditions.ready).toBe(true);
    expect(w.get(T.endpoints, 'shop', 'cart').subsets[0].addresses).toHaveLength(1);
  });

  it('never readies crash-looping pods', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop', behavior: 'crash-loop' }),
      service({ name: 'cart', namespace: 'shop' }),
    ]);
    w.advance(2);
    expect(sliceOf(w, 'cart').endpoints.every((e: Json) => e.conditions.ready === false)).toBe(true);
  });

  it('leaves the port out when no container defines the named targetPort, and keeps a numeric one as is', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop', replicas: 1 }),
      service({ name: 'cart', namespace: 'shop', targetPort: 'web' }),
      service({ name: 'cart-numeric', namespace: 'shop', selector: { app: 'cart' }, targetPort: 9000 }),
    ]);
    const named = sliceOf(w, 'cart');
    expect(named.endpoints).toHaveLength(1);
    expect(named.ports).toBeUndefined();
    expect(w.get(T.endpoints, 'shop', 'cart').subsets).toBeUndefined();
    expect(sliceOf(w, 'cart-numeric').ports).toEqual([{ name: 'http', port: 9000, protocol: 'TCP' }]);
  });

  it('selects nothing when the Service selector matches no pod labels', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop' }),
      service({ name: 'cart', namespace: 'shop', selector: { app: 'cart-api' } }),
    ]);
    expect(sliceOf(w, 'cart').endpoints).toEqual([]);
  });

  it('keeps the pod template behaviour annotation on pods (the sim reads it) and nothing else sim-only on workloads', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'cart', namespace: 'shop', behavior: 'oom', ageSeconds: 60 }),
    ]);
    expect(w.list(T.pods, 'shop')[0].metadata.annotations[BEHAVIOR_ANNOTATION]).toBe('oom');
    expect(
      Object.keys(w.get(T.deployments, 'shop', 'cart').metadata.annotations ?? {}).filter((k) =>
        k.startsWith('sim.'),
      ),
    ).toEqual([]);
  });
});
