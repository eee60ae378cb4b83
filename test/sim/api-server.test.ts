import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StartedSim } from '../helpers/start-sim.js';
import type { TrivialRuntime } from '../helpers/trivial-runtime.js';
import { deployment, namespace, pod, service } from '../helpers/sim-objects.js';
import { startSim } from '../helpers/start-sim.js';

/*
 * How to PATCH with @kubernetes/client-node 1.x (read from node_modules/@kubernetes/client-node/dist):
 * the generated `patchNamespaced*` methods pick the FIRST media type of their list as Content-Type,
 * which is `application/json-patch+json`. To send another patch type, pass a middleware that overrides
 * the header as the second argument:
 *
 *   apps.patchNamespacedDeployment({ name, namespace, body },
 *     setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
 *
 * `setHeaderOptions(key, value, opts?)` (exported from the package root, middleware.js) returns
 * ConfigurationOptions whose middleware `pre` hook sets the header after the request is built.
 * PatchStrategy: JsonPatch, MergePatch, StrategicMergePatch, ServerSideApply.
 */

let sim: StartedSim<TrivialRuntime>;
let core: CoreV1Api;
let apps: AppsV1Api;

beforeAll(async () => {
  sim = await startSim({
    objects: [
      namespace('shop'),
      namespace('other'),
      pod('shop', 'checkout-1', { app: 'checkout', tier: 'web' }),
      pod('shop', 'checkout-2', { app: 'checkout', tier: 'web' }, 'Pending', 'node-2'),
      pod('shop', 'cart-1', { app: 'cart' }),
      pod('other', 'checkout-x', { app: 'checkout' }),
      deployment('shop', 'checkout'),
      service('shop', 'checkout', { app: 'checkout' }),
    ],
    forbidden: [{ verb: 'list', resource: 'networkpolicies', namespace: 'shop' }],
  });
  core = sim.kubeConfig.makeApiClient(CoreV1Api);
  apps = sim.kubeConfig.makeApiClient(AppsV1Api);
});

afterAll(async () => {
  await sim.stop();
});

beforeEach(() => sim.cluster.resetRequests());

async function apiError(p: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiException) return err as ApiException<unknown>;
    throw err;
  }
  throw new Error('expected the request to fail');
}

function statusOf(err: ApiException<unknown>): Record<string, unknown> {
  return (typeof err.body === 'string' ? JSON.parse(err.body) : err.body) as Record<string, unknown>;
}

describe('client-node against the simulated API server', () => {
  it('lists pods with label and field selectors', async () => {
    const byLabel = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=checkout' });
    expect(byLabel.items.map((p) => p.metadata?.name)).toEqual(['checkout-1', 'checkout-2']);

    const setBased = await core.listNamespacedPod({
      namespace: 'shop',
      labelSelector: 'app in (cart,checkout),!canary',
    });
    expect(setBased.items).toHaveLength(3);

    const both = await core.listNamespacedPod({
      namespace: 'shop',
      labelSelector: 'tier==web',
      fieldSelector: 'status.phase!=Pending,spec.nodeName=node-1',
    });
    expect(both.items.map((p) => p.metadata?.name)).toEqual(['checkout-1']);

    const all = await core.listPodForAllNamespaces({ labelSelector: 'app=checkout' });
    expect(all.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual([
      'other/checkout-x',
      'shop/checkout-1',
      'shop/checkout-2',
    ]);
    expect(Number(all.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('pages lists with limit and continue', async () => {
    const first = await core.listNamespacedPod({ namespace: 'shop', limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const second = await core.listNamespacedPod({
      namespace: 'shop',
      limit: 2,
      _continue: first.metadata?._continue,
    });
    expect(second.items.map((p) => p.metadata?.name)).toEqual(['checkout-2']);
    expect(second.metadata?._continue).toBeUndefined();
  });

  it('answers 404 with a NotFound Status like the real API server', async () => {
    const err = await apiError(core.readNamespacedPod({ name: 'nope', namespace: 'shop' }));
    expect(err.code).toBe(404);
    expect(statusOf(err)).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
  });

  it('answers 403 from the forbidden rules with the real wording', async () => {
    const { NetworkingV1Api } = await import('@kubernetes/client-node');
    const net = sim.kubeConfig.makeApiClient(NetworkingV1Api);
    const err = await apiError(net.listNamespacedNetworkPolicy({ namespace: 'shop' }));
    expect(err.code).toBe(403);
    expect(statusOf(err)).toMatchObject({
      reason: 'Forbidden',
      message:
        'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:gw502:gw502" cannot list ' +
        'resource "networkpolicies" in API group "networking.k8s.io" in the namespace "shop"',
    });
    // Other namespaces are not covered by the rule.
    await expect(net.listNamespacedNetworkPolicy({ namespace: 'other' })).resolves.toMatchObject({
      items: [],
    });
  });

  it('patches a Deployment with a merge patch sent through setHeaderOptions', async () => {
    const before = await apps.readNamespacedDeployment({ name: 'checkout', namespace: 'shop' });
    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'checkout',
        namespace: 'shop',
        body: { spec: { replicas: 5 }, metadata: { labels: { team: 'pay' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.spec?.replicas).toBe(5);
    expect(patched.metadata?.labels).toEqual({ app: 'checkout', team: 'pay' });
    expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(
      Number(before.metadata?.resourceVersion),
    );
    expect(patched.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
    const req = sim.cluster.requests.find((r) => r.method === 'PATCH');
    expect(req?.path).toBe('/apis/apps/v1/namespaces/shop/deployments/checkout');
  });

  it('merges container lists by name in a strategic merge patch', async () => {
    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'checkout',
        namespace: 'shop',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'app', image: 'shop/app:2.0', env: [{ name: 'LEVEL', value: 'debug' }] },
                ],
              },
            },
          },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const c = patched.spec?.template.spec?.containers[0];
    expect(c?.image).toBe('shop/app:2.0');
    expect(c?.ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(c?.env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'LEVEL', value: 'debug' },
    ]);
  });

  it('refuses a JSON patch whose test op does not match with 422 and leaves the object alone', async () => {
    const body = [
      { op: 'test', path: '/spec/template/spec/containers/0/image', value: 'shop/app:9.9' },
      { op: 'replace', path: '/spec/replicas', value: 0 },
    ];
    const err = await apiError(apps.patchNamespacedDeployment({ name: 'checkout', namespace: 'shop', body }));
    expect(err.code).toBe(422);
    expect(statusOf(err)).toMatchObject({ reason: 'Invalid', code: 422 });
    const now = await apps.readNamespacedDeployment({ name: 'checkout', namespace: 'shop' });
    expect(now.spec?.replicas).not.toBe(0);

    // The same guard passes when the value matches (JSON patch is client-node's default content type).
    const current = now.spec?.template.spec?.containers[0]?.image;
    const ok = await apps.patchNamespacedDeployment({
      name: 'checkout',
      namespace: 'shop',
      body: [
        { op: 'test', path: '/spec/template/spec/containers/0/image', value: current },
        { op: 'replace', path: '/spec/replicas', value: 1 },
      ],
    });
    expect(ok.spec?.replicas).toBe(1);
  });

  it('answers 409 Conflict when the resourceVersion precondition is stale', async () => {
    const dep = await apps.readNamespacedDeployment({ name: 'checkout', namespace: 'shop' });
    await apps.patchNamespacedDeployment(
      { name: 'checkout', namespace: 'shop', body: { metadata: { annotations: { touched: 'yes' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const err = await apiError(
      apps.replaceNamespacedDeployment({ name: 'checkout', namespace: 'shop', body: dep }),
    );
    expect(err.code).toBe(409);
    expect(statusOf(err)).toMatchObject({
      reason: 'Conflict',
      message: expect.stringContaining(
        'Operation cannot be fulfilled on deployments.apps "checkout": the object has been modified',
      ) as unknown,
    });
    const stalePatch = await apiError(
      apps.patchNamespacedDeployment(
        {
          name: 'checkout',
          namespace: 'shop',
          body: { metadata: { resourceVersion: dep.metadata?.resourceVersion } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
    expect(stalePatch.code).toBe(409);
  });

  it('creates, rejects duplicates with AlreadyExists, and deletes', async () => {
    const cm = { metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } };
    const created = await core.createNamespacedConfigMap({ namespace: 'shop', body: cm });
    expect(created.metadata?.uid).toMatch(/[0-9a-f-]{36}/);
    const dup = await apiError(core.createNamespacedConfigMap({ namespace: 'shop', body: cm }));
    expect(dup.code).toBe(409);
    expect(statusOf(dup)).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "cfg" already exists',
    });
    const missingNs = await apiError(
      core.createNamespacedConfigMap({ namespace: 'ghost', body: { metadata: { name: 'x' } } }),
    );
    expect(statusOf(missingNs)).toMatchObject({ code: 404, message: 'namespaces "ghost" not found' });
    await core.deleteNamespacedConfigMap({ name: 'cfg', namespace: 'shop' });
    expect((await apiError(core.readNamespacedConfigMap({ name: 'cfg', namespace: 'shop' }))).code).toBe(404);
  });

  it('streams ADDED, MODIFIED and DELETED through the Watch class, honouring the label selector', async () => {
    const events: string[] = [];
    const watch = new Watch(sim.kubeConfig);
    let resolveDeleted: () => void = () => undefined;
    const deleted = new Promise<void>((r) => (resolveDeleted = r));
    const ctl = await watch.watch(
      '/api/v1/namespaces/shop/pods',
      { labelSelector: 'app=watched' },
      (phase, obj: { metadata: { name: string } }) => {
        events.push(`${phase} ${obj.metadata.name}`);
        if (phase === 'DELETED') resolveDeleted();
      },
      () => undefined,
    );
    await core.createNamespacedPod({
      namespace: 'shop',
      body: pod('shop', 'w-1', { app: 'watched' }),
    });
    await core.createNamespacedPod({
      namespace: 'shop',
      body: pod('shop', 'w-other', { app: 'unwatched' }),
    });
    await core.patchNamespacedPod(
      { name: 'w-1', namespace: 'shop', body: { metadata: { annotations: { a: 'b' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedPod({ name: 'w-1', namespace: 'shop' });
    await deleted;
    ctl.abort();
    expect(events).toEqual(['ADDED w-1', 'MODIFIED w-1', 'DELETED w-1']);
  });

  it('reads pod logs through readNamespacedPodLog with container, previous and tailLines', async () => {
    sim.runtime.logLines.set('shop/checkout-1/app/previous', ['boot', 'panic: nil map', 'exit 1']);
    const text = await core.readNamespacedPodLog({
      name: 'checkout-1',
      namespace: 'shop',
      container: 'app',
      previous: true,
      tailLines: 2,
    });
    expect(text).toBe('panic: nil map\nexit 1\n');
    expect(sim.runtime.logRequests.at(-1)).toMatchObject({
      namespace: 'shop',
      pod: 'checkout-1',
      previous: true,
      tailLines: 2,
    });
    const bad = await apiError(
      core.readNamespacedPodLog({ name: 'checkout-1', namespace: 'shop', container: 'nope' }),
    );
    expect(bad.code).toBe(400);
  });

  it('proxies to a service and turns an unreachable backend into 503 with the dial error', async () => {
    sim.runtime.proxyAnswers.set('shop/services/checkout:http/health', {
      kind: 'response',
      status: 200,
      body: 'ok',
    });
    const ok = await core.connectGetNamespacedServiceProxyWithPath({
      name: 'checkout:http',
      namespace: 'shop',
      path: 'health',
    });
    expect(ok).toBe('ok');
    const err = await apiError(
      core.connectGetNamespacedServiceProxyWithPath({
        name: 'checkout:8080',
        namespace: 'shop',
        path: 'health',
      }),
    );
    expect(err.code).toBe(503);
    expect(JSON.stringify(err.body)).toContain(
      'error trying to reach service: dial tcp 10.96.0.99:80: connect: connection refused',
    );
  });

  it('delays a slow backend answer so a client timeout can fire', async () => {
    sim.runtime.proxyAnswers.set('shop/services/checkout:/slow', {
      kind: 'response',
      status: 200,
      body: 'late',
      delayMs: 400,
    });
    const res = await fetch(`${sim.url}/api/v1/namespaces/shop/services/checkout/proxy/slow`, {
      signal: AbortSignal.timeout(150),
    }).catch((e: unknown) => e);
    expect(res).toBeInstanceOf(Error);
    expect((res as Error).name).toBe('TimeoutError');
    // Without the timeout the answer arrives, after the delay.
    const started = Date.now();
    const late = await fetch(`${sim.url}/api/v1/namespaces/shop/services/checkout/proxy/slow`);
    expect(await late.text()).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('serves the scale subresource and SelfSubjectAccessReviews', async () => {
    const scaled = await apps.patchNamespacedDeploymentScale(
      { name: 'checkout', namespace: 'shop', body: { spec: { replicas: 3 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(scaled.spec?.replicas).toBe(3);
    expect(scaled.status?.selector).toBe('app=checkout');
    const { AuthorizationV1Api } = await import('@kubernetes/client-node');
    const authz = sim.kubeConfig.makeApiClient(AuthorizationV1Api);
    const review = (verb: string, ns: string) =>
      authz.createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: {
              verb,
              resource: 'networkpolicies',
              group: 'networking.k8s.io',
              namespace: ns,
            },
          },
        },
      });
    expect((await review('list', 'shop')).status?.allowed).toBe(false);
    expect((await review('list', 'other')).status?.allowed).toBe(true);
  });

  it('serves metrics.k8s.io only while the runtime provides metrics', async () => {
    const get = () => fetch(`${sim.url}/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods`);
    expect((await get()).status).toBe(404);
    expect(await (await fetch(`${sim.url}/apis`)).text()).not.toContain('metrics.k8s.io');
    sim.runtime.metrics = new Map([
      [
        'shop',
        [
          {
            name: 'checkout-1',
            namespace: 'shop',
            containers: [{ name: 'app', usage: { cpu: '250m', memory: '128Mi' } }],
          },
        ],
      ],
    ]);
    const res = await get();
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      kind: string;
      items: { metadata: { name: string }; containers: unknown[] }[];
    };
    expect(body.kind).toBe('PodMetricsList');
    expect(body.items[0]?.containers).toEqual([{ name: 'app', usage: { cpu: '250m', memory: '128Mi' } }]);
    expect(await (await fetch(`${sim.url}/apis`)).text()).toContain('metrics.k8s.io');
    sim.runtime.metrics = undefined;
  });

  it('counts requests per method and path, and resets the count', async () => {
    await core.listNamespacedPod({ namespace: 'shop' });
    await core.listNamespacedService({ namespace: 'shop' });
    expect(sim.cluster.requestCount()).toBe(2);
    expect(sim.cluster.requests.map((r) => `${r.verb} ${r.path}`)).toEqual([
      'list /api/v1/namespaces/shop/pods',
      'list /api/v1/namespaces/shop/services',
    ]);
    sim.cluster.resetRequests();
    expect(sim.cluster.requestCount()).toBe(0);
  });

  it('lists 1000 pods in milliseconds', async () => {
    sim.cluster.load([
      namespace('big'),
      ...Array.from({ length: 1000 }, (_, i) => pod('big', `p-${i}`, { app: 'big' })),
    ]);
    await core.listNamespacedPod({ namespace: 'big' }); // warm-up
    const started = performance.now();
    const list = await core.listNamespacedPod({ namespace: 'big', labelSelector: 'app=big' });
    const ms = performance.now() - started;
    expect(list.items).toHaveLength(1000);
    // Loose: this is mostly client-node deserialising 1000 V1Pods on a possibly busy box.
    expect(ms).toBeLessThan(3000);
    const rawStart = performance.now();
    const raw = (await (
      await fetch(`${sim.url}/api/v1/namespaces/big/pods?labelSelector=app%3Dbig`)
    ).json()) as {
      items: unknown[];
    };
    const rawMs = performance.now() - rawStart;
    expect(raw.items).toHaveLength(1000);
    // The server's own part: filter + serialise 1000 pods and one local round trip — about 10 ms on an
    // idle machine; the bound is loose so a busy CI box passes while an O(n²) regression does not.
    expect(rawMs).toBeLessThan(1000);
  });
});
