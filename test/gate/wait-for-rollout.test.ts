import { afterEach, describe, expect, it } from 'vitest';
import { GateError } from '../../src/gate/gate-error.js';
import { waitForRollout } from '../../src/gate/wait-for-rollout.js';
import { makeClients } from '../../src/k8s/clients.js';
import type { StartedSim } from '../helpers/start-sim.js';
import { APP, NS, rollOut, startGateSim, waitSettled } from './helpers/gate-sim.js';

let sim: StartedSim | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** The sim runs 10× faster than the wall clock: kubelet back-offs of 10–20 s take 1–2 s here. */
async function ready(): Promise<StartedSim> {
  sim = await startGateSim({ speed: 10 });
  await waitSettled(sim);
  return sim;
}

function wait(s: StartedSim, timeoutMs: number, extra: { unschedulableGraceMs?: number; app?: string } = {}) {
  return waitForRollout({
    kubeConfig: s.kubeConfig,
    clients: makeClients(s.kubeConfig, { requestTimeoutMs: 5000 }),
    app: extra.app ?? APP,
    namespace: NS,
    timeoutMs,
    unschedulableGraceMs: extra.unschedulableGraceMs,
  });
}

describe('waitForRollout against the simulated cluster', () => {
  it('a good rollout completes, followed by watches rather than polling', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:1.5.0' });
    s.cluster.resetRequests();
    const out = await wait(s, 30_000);
    expect(out.result).toBe('complete');
    expect(out.message).toBe('deployment "checkout" successfully rolled out');
    expect(out.workload?.object.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(out.workload?.object.status?.readyReplicas).toBe(3);
    expect(out.progress.length).toBeGreaterThan(1);
    const reqs = s.cluster.requests;
    const watches = reqs.filter((r) => r.query.watch === 'true').map((r) => r.path);
    expect(watches).toEqual(
      expect.arrayContaining([
        `/apis/apps/v1/namespaces/${NS}/deployments`,
        `/api/v1/namespaces/${NS}/pods`,
        `/apis/apps/v1/namespaces/${NS}/replicasets`,
      ]),
    );
    expect(
      reqs.find((r) => r.query.watch === 'true' && r.path.endsWith('/deployments'))?.query.fieldSelector,
    ).toBe(`metadata.name=${APP}`);
    // Not a busy poll: a handful of requests for a rollout that took seconds.
    expect(reqs.length).toBeLessThan(15);
  }, 60_000);

  it('a new revision that crash-loops while the old one serves fails early, not at the timeout', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.0.0', behavior: 'crash-loop' });
    const out = await wait(s, 60_000);
    expect(out.result).toBe('failed');
    expect(out.podFailure?.cause).toBe('crash-loop');
    expect(out.servingRevision).toMatchObject({ revision: 1, ready: 3 });
    expect(out.elapsedMs).toBeLessThan(15_000);
    expect(out.newPods[0]).toMatch(/CrashLoopBackOff/);
  }, 60_000);

  it('an image that cannot be pulled fails at once', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:does-not-exist', behavior: 'image-pull' });
    const out = await wait(s, 60_000);
    expect(out.result).toBe('failed');
    expect(out.podFailure?.cause).toBe('image-pull');
    expect(out.elapsedMs).toBeLessThan(10_000);
  }, 60_000);

  it('an unschedulable new pod fails after the grace, not before', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.1.0', behavior: 'unschedulable' });
    const out = await wait(s, 60_000, { unschedulableGraceMs: 1500 });
    expect(out.result).toBe('failed');
    expect(out.podFailure?.cause).toBe('unschedulable');
    expect(out.elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(out.podFailure?.detail).toMatch(/Insufficient/);
  }, 60_000);

  it('a rollout that cannot finish in time times out with how far it got', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.2.0', behavior: 'readiness-failing' });
    const out = await wait(s, 3000);
    expect(out.result).toBe('timeout');
    expect(out.elapsedMs).toBeGreaterThanOrEqual(2900);
    expect(out.elapsedMs).toBeLessThan(5000);
    expect(out.message).toMatch(/Waiting for deployment "checkout" rollout to finish/);
    expect(out.newPods[0]).toMatch(/0\/1 ready/);
  }, 60_000);

  it('ProgressDeadlineExceeded ends the wait as failed', async () => {
    const s = await ready();
    await rollOut(s, {
      image: 'registry.example.com/shop/checkout:2.3.0',
      behavior: 'readiness-failing',
      progressDeadlineSeconds: 20,
    });
    const out = await wait(s, 30_000);
    expect(out.result).toBe('failed');
    expect(out.message).toBe('deployment "checkout" exceeded its progress deadline');
  }, 60_000);

  it('an app that does not exist is not-found', async () => {
    const s = await ready();
    const out = await wait(s, 5000, { app: 'nope' });
    expect(out.result).toBe('not-found');
  }, 60_000);

  it('a cluster that forbids watching pods is a GateError naming the permission', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.4.0', behavior: 'readiness-failing' });
    s.cluster.addForbidden([{ verb: 'list', resource: 'pods', namespace: NS }]);
    await expect(wait(s, 5000)).rejects.toThrow(
      /forbidden: the gate needs "list" and "watch" on pods in shop/,
    );
  }, 60_000);

  it('an unreachable cluster is a GateError', async () => {
    const s = await ready();
    const kubeConfig = s.kubeConfig;
    await s.stop();
    sim = undefined;
    const err = await waitForRollout({
      kubeConfig,
      clients: makeClients(kubeConfig, { requestTimeoutMs: 2000 }),
      app: APP,
      namespace: NS,
      timeoutMs: 5000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('unreachable');
  }, 60_000);
});
