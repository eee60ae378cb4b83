import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/scenario.js';
import type { StartedSim } from '../helpers/start-sim.js';
import type { TrivialRuntime } from '../helpers/trivial-runtime.js';
import { runTool } from '../helpers/run-kubectl.js';
import { deployment, namespace, pod, replicaSetFor } from '../helpers/sim-objects.js';
import { startSim } from '../helpers/start-sim.js';
import { allKubectls } from '../helpers/tools.js';

/** The real kubectl binaries (system 1.32 and 1.35 from the layer zip) drive the simulated cluster. */

const kubectls = await allKubectls();

function event(ns: string, involved: KubeObject, reason: string, message: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involved.metadata.name}.${reason.toLowerCase()}`, namespace: ns },
    involvedObject: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.metadata.name,
      namespace: ns,
      uid: involved.metadata.uid,
    },
    reason,
    message,
    type: 'Normal',
    count: 1,
    firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    source: { component: 'deployment-controller' },
  };
}

describe.each(kubectls)('kubectl ($label)', ({ path: kubectl }) => {
  let sim: StartedSim<TrivialRuntime>;
  const k = (...args: string[]) => runTool(kubectl, sim.kubeconfigPath, args);

  beforeAll(async () => {
    sim = await startSim({
      objects: [
        namespace('shop'),
        pod('shop', 'checkout-1', { app: 'checkout' }),
        pod('shop', 'checkout-2', { app: 'checkout' }),
        pod('shop', 'cart-1', { app: 'cart' }),
      ],
      forbidden: [{ verb: 'list', resource: 'networkpolicies', namespace: 'shop' }],
    });
  });
  afterAll(async () => {
    await sim.stop();
  });

  /** A Deployment at revision 2 with the ReplicaSets of revisions 1 and 2, as the controller leaves them. */
  function deploymentWithHistory(name: string): KubeObject {
    const [dep] = sim.cluster.load([
      {
        ...deployment('shop', name, 'shop/app:2.0'),
        metadata: {
          name,
          namespace: 'shop',
          labels: { app: name },
          annotations: { 'deployment.kubernetes.io/revision': '2' },
        },
      },
    ]);
    const uid = String(dep?.metadata.uid);
    sim.cluster.load([
      replicaSetFor(dep!, uid, 1, 'shop/app:1.0'),
      replicaSetFor(dep!, uid, 2, 'shop/app:2.0'),
    ]);
    return dep!;
  }

  it('get --raw /version', async () => {
    const r = await k('get', '--raw', '/version');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      major: '1',
      gitVersion: expect.stringMatching(/^v1\./) as unknown,
    });
  });

  it('get pods -l -o json selects by label', async () => {
    const r = await k('get', 'pods', '-n', 'shop', '-l', 'app=checkout', '-o', 'json');
    expect(r.exitCode).toBe(0);
    const list = JSON.parse(r.stdout) as { items: KubeObject[] };
    expect(list.items.map((p) => p.metadata.name)).toEqual(['checkout-1', 'checkout-2']);
  });

  it('get -o yaml of a short name (po)', async () => {
    const r = await k('get', 'po', 'cart-1', '-n', 'shop', '-o', 'yaml');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('name: cart-1');
    expect(r.stdout).toContain('kind: Pod');
  });

  it('describe deployment shows the spec and the events found by field selector', async () => {
    const dep = deploymentWithHistory('describe-me');
    sim.cluster.load([
      event('shop', dep, 'ScalingReplicaSet', 'Scaled up replica set describe-me-h2abc to 2'),
    ]);
    const r = await k('describe', 'deployment', 'describe-me', '-n', 'shop');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Name:\s+describe-me/);
    expect(r.stdout).toMatch(/Image:\s+shop\/app:2.0/);
    expect(r.stdout).toContain('Scaled up replica set describe-me-h2abc to 2');
  });

  it('logs (container, previous, tail)', async () => {
    sim.runtime.logLines.set('shop/checkout-1/app', ['listening on :8080', 'GET /health 200']);
    sim.runtime.logLines.set('shop/checkout-1/app/previous', ['boot', 'fatal: out of memory']);
    const now = await k('logs', 'checkout-1', '-n', 'shop');
    expect(now.stdout).toBe('listening on :8080\nGET /health 200');
    const prev = await k('logs', 'checkout-1', '-n', 'shop', '-c', 'app', '--previous', '--tail=1');
    expect(prev.stdout).toBe('fatal: out of memory');
  });

  it('rollout undo --to-revision puts the old ReplicaSet template back', async () => {
    deploymentWithHistory('undo-me');
    const r = await k('rollout', 'undo', 'deployment/undo-me', '-n', 'shop', '--to-revision=1');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('rolled back');
    const dep = sim.cluster.store.get(sim.cluster.store.typeOf('apps/v1', 'Deployment'), 'shop', 'undo-me');
    const template = (
      dep?.spec as {
        template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } };
      }
    ).template;
    expect(template.spec.containers[0]?.image).toBe('shop/app:1.0');
    // kubectl strips the ReplicaSet's pod-template-hash from the restored template.
    expect(template.metadata.labels).toEqual({ app: 'undo-me' });
  });

  it('rollout restart adds the restartedAt annotation by strategic merge patch', async () => {
    deploymentWithHistory('restart-me');
    sim.cluster.resetRequests();
    const r = await k('rollout', 'restart', 'deployment/restart-me', '-n', 'shop');
    expect(r.exitCode, r.stderr).toBe(0);
    const dep = sim.cluster.store.get(
      sim.cluster.store.typeOf('apps/v1', 'Deployment'),
      'shop',
      'restart-me',
    );
    const annotations = (dep?.spec as { template: { metadata: { annotations?: Record<string, string> } } })
      .template.metadata.annotations;
    expect(annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(
      sim.cluster.requests.some((q) => q.method === 'PATCH' && q.path.endsWith('/deployments/restart-me')),
    ).toBe(true);
  });

  it('rollout status waits on a watch until the Deployment is rolled out', async () => {
    const type = sim.cluster.store.typeOf('apps/v1', 'Deployment');
    const [dep] = sim.cluster.load([deployment('shop', 'status-me')]);
    const statusRun = k('rollout', 'status', 'deployment/status-me', '-n', 'shop', '--timeout=20s');
    await new Promise((r) => setTimeout(r, 700));
    const current = sim.cluster.store.get(type, 'shop', 'status-me')!;
    sim.cluster.store.update({
      ...current,
      status: {
        observedGeneration: dep?.metadata.generation,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
      },
    });
    const r = await statusRun;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('successfully rolled out');
    expect(
      sim.cluster.requests.some(
        (q) => q.verb === 'watch' && q.query.fieldSelector === 'metadata.name=status-me',
      ),
    ).toBe(true);
  });

  it('get -w streams a pod created after the watch started', async () => {
    const child = execa(kubectl, ['get', 'pods', '-n', 'shop', '-w', '-o', 'name'], {
      env: { KUBECONFIG: sim.kubeconfigPath, HOME: process.env.HOME ?? '/tmp' },
      extendEnv: false,
      reject: false,
      timeout: 15_000,
    });
    let out = '';
    const seen = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('pod/late-pod')) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 700));
    sim.cluster.load([pod('shop', 'late-pod', { app: 'late' })]);
    await seen;
    child.kill('SIGTERM');
    await child;
    expect(out).toContain('pod/cart-1');
    expect(out).toContain('pod/late-pod');
  });

  it('apply creates, then updates through a strategic merge patch', async () => {
    const file = join(sim.kubeconfigPath, '..', 'cm.yaml');
    await writeFile(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: shop}\ndata: {a: "1", b: "2"}\n',
    );
    const first = await k('apply', '-f', file);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain('configmap/applied created');
    await writeFile(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied, namespace: shop}\ndata: {a: "3"}\n',
    );
    const second = await k('apply', '-f', file);
    expect(second.stdout).toContain('configmap/applied configured');
    const cm = sim.cluster.store.get(sim.cluster.store.typeOf('v1', 'ConfigMap'), 'shop', 'applied');
    expect(cm?.data).toEqual({ a: '3' });
  });

  it('auth can-i answers from the forbidden rules (protobuf SelfSubjectAccessReview)', async () => {
    const denied = await k('auth', 'can-i', 'list', 'networkpolicies', '-n', 'shop');
    expect(denied.stdout.trim()).toBe('no');
    expect(denied.exitCode).toBe(1);
    const allowed = await k('auth', 'can-i', 'list', 'networkpolicies', '-n', 'other');
    expect(allowed.stdout.trim()).toBe('yes');
  });

  it('reports a forbidden list with the API server message', async () => {
    const r = await k('get', 'networkpolicies', '-n', 'shop');
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain(
      'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:gw502:gw502" cannot list resource "networkpolicies" in API group "networking.k8s.io" in the namespace "shop"',
    );
  });
});
