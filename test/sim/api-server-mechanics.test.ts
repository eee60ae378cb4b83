import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, PatchError, strategicMergePatch } from '../../src/sim/patch.js';
import { fieldPredicate, labelPredicate, SelectorError } from '../../src/sim/selectors.js';
import type { StartedSim } from '../helpers/start-sim.js';
import type { TrivialRuntime } from '../helpers/trivial-runtime.js';
import { deployment, namespace, pod } from '../helpers/sim-objects.js';
import { startSim } from '../helpers/start-sim.js';

/** The pure mechanics behind the API server (patch types, selectors) and SimCluster's own behaviour. */

describe('patch types', () => {
  const containers = {
    spec: {
      containers: [
        { name: 'app', image: 'a:1', env: [{ name: 'X', value: '1' }] },
        { name: 'sidecar', image: 's:1' },
      ],
      finalizers: ['a'],
    },
  };

  it('merge patch replaces lists and deletes keys set to null', () => {
    const out = mergePatch(containers, { spec: { containers: [{ name: 'only' }], finalizers: null } });
    expect(out).toEqual({ spec: { containers: [{ name: 'only' }] } });
  });

  it('strategic merge merges by name, honours $patch: delete and replace, and unions finalizers', () => {
    const out = strategicMergePatch(containers, {
      $setElementOrder: 'ignored',
      spec: {
        containers: [
          { name: 'app', image: 'a:2' },
          { name: 'sidecar', $patch: 'delete' },
          { name: 'new', image: 'n:1' },
        ],
        finalizers: ['b'],
      },
    });
    expect(out).toEqual({
      spec: {
        containers: [
          { name: 'app', image: 'a:2', env: [{ name: 'X', value: '1' }] },
          { name: 'new', image: 'n:1' },
        ],
        finalizers: ['a', 'b'],
      },
    });
    const replaced = strategicMergePatch(containers, { spec: { $patch: 'replace', containers: [] } });
    expect(replaced).toEqual({ spec: { containers: [] } });
  });

  it('strategic merge matches Service ports by port and container ports by containerPort', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }] } };
    expect(strategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } })).toEqual({
      spec: { ports: [{ port: 80, targetPort: 9090, name: 'http' }] },
    });
  });

  it('JSON patch applies add/remove/replace/move/copy and fails a mismatched test with 422', () => {
    const doc = { a: { b: [1, 2] }, c: 'x' };
    const out = jsonPatch(doc, [
      { op: 'add', path: '/a/b/-', value: 3 },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e~1f' },
      { op: 'remove', path: '/a/b/0' },
      { op: 'test', path: '/a/b', value: [2, 3] },
    ]);
    expect(out).toEqual({ a: { b: [2, 3] }, c: 'y', 'e/f': 'y' });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: 'x' });
    const failed = (() => {
      try {
        jsonPatch(doc, [{ op: 'test', path: '/c', value: 'nope' }]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(failed).toBeInstanceOf(PatchError);
    expect((failed as PatchError).status).toBe(422);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/missing' }])).toThrow(PatchError);
  });
});

describe('selectors', () => {
  const obj = (labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e', namespace: 'shop', labels },
    ...extra,
  });

  it('label selectors: =, ==, !=, in, notin, exists, !key', () => {
    const o = obj({ app: 'web', tier: 'front' });
    expect(labelPredicate('app=web,tier==front')(o)).toBe(true);
    expect(labelPredicate('app!=web')(o)).toBe(false);
    expect(labelPredicate('app in (api, web)')(o)).toBe(true);
    expect(labelPredicate('tier notin (front)')(o)).toBe(false);
    expect(labelPredicate('tier,!canary')(o)).toBe(true);
    expect(labelPredicate('!app')(o)).toBe(false);
    expect(() => labelPredicate('app==(')).toThrow(SelectorError);
  });

  it('field selectors read generic dotted paths (events by involvedObject)', () => {
    const e = obj({}, { type: 'Warning', involvedObject: { kind: 'Pod', name: 'web-1' } });
    expect(fieldPredicate('involvedObject.kind=Pod,involvedObject.name=web-1,type=Warning')(e)).toBe(true);
    expect(fieldPredicate('type!=Warning')(e)).toBe(false);
    expect(fieldPredicate('metadata.namespace=shop')(e)).toBe(true);
  });
});

describe('SimCluster', () => {
  let sim: StartedSim<TrivialRuntime>;
  beforeAll(async () => {
    sim = await startSim({
      objects: [namespace('shop'), deployment('shop', 'web'), pod('shop', 'web-1', { app: 'web' })],
    });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('reconciles after each write through the API and on its timer', async () => {
    const before = sim.runtime.reconciles;
    await fetch(`${sim.url}/api/v1/namespaces/shop/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'c' }, data: {} }),
    });
    await new Promise((r) => setTimeout(r, 450));
    // One for the write, at least one more from the 200 ms tick.
    expect(sim.runtime.reconciles - before).toBeGreaterThanOrEqual(2);
  });

  it('answers a bad label selector with 400 BadRequest', async () => {
    const res = await fetch(
      `${sim.url}/api/v1/namespaces/shop/pods?labelSelector=${encodeURIComponent('app==(')}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
  });

  it('serves discovery with short names and the namespace name label', async () => {
    const core = (await (await fetch(`${sim.url}/api/v1`)).json()) as {
      resources: { name: string; shortNames?: string[] }[];
    };
    expect(core.resources.find((r) => r.name === 'pods')?.shortNames).toEqual(['po']);
    const apps = (await (await fetch(`${sim.url}/apis/apps/v1`)).json()) as { resources: { name: string }[] };
    expect(apps.resources.map((r) => r.name)).toContain('deployments/scale');
    const ns = sim.cluster.store.get(sim.cluster.store.typeOf('v1', 'Namespace'), undefined, 'shop');
    expect(ns?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
  });

  it('deletes dependents with their owner (background propagation)', async () => {
    const dep = sim.cluster.store.get(sim.cluster.store.typeOf('apps/v1', 'Deployment'), 'shop', 'web')!;
    sim.cluster.load([
      {
        ...pod('shop', 'owned-1', { app: 'web' }),
        metadata: {
          name: 'owned-1',
          namespace: 'shop',
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: dep.metadata.uid },
          ],
        },
      },
    ]);
    const res = await fetch(`${sim.url}/apis/apps/v1/namespaces/shop/deployments/web`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(sim.cluster.store.get(sim.cluster.store.typeOf('v1', 'Pod'), 'shop', 'owned-1')).toBeUndefined();
    expect(sim.cluster.store.get(sim.cluster.store.typeOf('v1', 'Pod'), 'shop', 'web-1')).toBeDefined();
  });

  it('writes a kubeconfig client-node accepts for a plain-http server', () => {
    const text = sim.cluster.kubeconfig({ user: 'alice' });
    expect(text).toContain(`server: ${sim.url}`);
    expect(text).toContain('insecure-skip-tls-verify: true');
    expect(text).toContain('current-context: sim');
  });

  it('names the kubeconfig user in 403 messages', async () => {
    const other = await startSim({
      objects: [namespace('shop'), pod('shop', 'p', {})],
      user: 'alice',
      forbidden: [{ verb: 'get', resource: 'pods/log' }],
    });
    try {
      const { CoreV1Api } = await import('@kubernetes/client-node');
      const core = other.kubeConfig.makeApiClient(CoreV1Api);
      const err = (await core
        .readNamespacedPodLog({ name: 'p', namespace: 'shop' })
        .catch((e: unknown) => e)) as {
        code: number;
        body: unknown;
      };
      expect(err.code).toBe(403);
      const status = (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as { message: string };
      expect(status.message).toBe(
        'pods "p" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "shop"',
      );
    } finally {
      await other.stop();
    }
  });
});
