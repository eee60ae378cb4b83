import { afterEach, describe, expect, it } from 'vitest';
import { makeClients } from '../../src/k8s/clients.js';
import { ClusterUnreachableError, loadSnapshot } from '../../src/k8s/load-snapshot.js';
import { namespace, shopApp, withIngressNginx } from '../../src/sim/builders.js';
import { badRollout } from '../../src/sim/scenarios/bad-rollout.js';
import type { KubeObject } from '../../src/sim/scenario.js';
import { WorldRuntime } from '../../src/sim/world-runtime.js';
import { startSim, type StartedSim } from '../helpers/start-sim.js';

const PROXY = { namespace: 'ingress-nginx', deployment: 'ingress-nginx-controller' };

let sim: StartedSim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(objects: KubeObject[], forbidden: { verb: string; resource: string }[] = []) {
  sim = await startSim({ runtime: new WorldRuntime({ seed: 1 }), objects, forbidden });
  for (let i = 0; i < 3; i++) sim.cluster.reconcile();
  return sim;
}

function load(s: StartedSim, app: string, ns: string) {
  let requests = 0;
  const clients = makeClients(s.kubeConfig, { requestTimeoutMs: 5000, onRequest: () => requests++ });
  const probeClients = makeClients(s.kubeConfig, { requestTimeoutMs: 5000 });
  return loadSnapshot({ app, namespace: ns, proxy: PROXY, clients, probeClients }).then((snap) => ({
    snap,
    requests,
  }));
}

describe('loadSnapshot against the simulated cluster', () => {
  it('reads the workload, its revision history, pods, routes, proxy logs and failing-container logs', async () => {
    const s = await start(badRollout.objects);
    const { snap, requests } = await load(s, badRollout.app, badRollout.namespace);
    expect(snap.workload.ok && snap.workload.value?.kind).toBe('Deployment');
    expect(snap.replicaSets.ok && snap.replicaSets.value.length).toBeGreaterThanOrEqual(2);
    expect(snap.pods.ok && snap.pods.value.length).toBeGreaterThanOrEqual(3);
    expect(snap.ingresses.ok && snap.ingresses.value.length).toBe(1);
    expect(snap.proxy.logs.ok && snap.proxy.logs.value.length).toBeGreaterThan(0);
    expect(snap.containerLogs.some((l) => l.previous && l.lines.length > 0)).toBe(true);
    expect(snap.healthProbe.ok && snap.healthProbe.value?.status).toBe(200);
    expect(snap.namespaceExists).toBe(true);
    // Three rounds of requests; bounded whatever the number of pods.
    expect(requests).toBeLessThanOrEqual(25);
  });

  it('keeps a forbidden piece as a 403 value and still loads the rest', async () => {
    const s = await start(badRollout.objects, [{ verb: 'list', resource: 'networkpolicies' }]);
    const { snap } = await load(s, badRollout.app, badRollout.namespace);
    expect(snap.networkPolicies.ok).toBe(false);
    if (!snap.networkPolicies.ok) {
      expect(snap.networkPolicies.error.status).toBe(403);
      expect(snap.networkPolicies.error.resource).toMatch(/networkpolicies/);
    }
    expect(snap.pods.ok).toBe(true);
  });

  it('says the namespace does not exist only when nothing was found in it', async () => {
    const s = await start([
      ...withIngressNginx(),
      namespace('shop'),
      ...shopApp({ app: 'cart', namespace: 'shop' }),
    ]);
    const { snap } = await load(s, 'cart', 'nowhere');
    expect(snap.namespaceExists).toBe(false);
    expect(snap.pods.ok && snap.pods.value).toEqual([]);
  });

  it('throws ClusterUnreachableError when the API server does not answer', async () => {
    const s = await start([]);
    await s.cluster.stop();
    await expect(load(s, 'checkout', 'shop')).rejects.toBeInstanceOf(ClusterUnreachableError);
  });
});
