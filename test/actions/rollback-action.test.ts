import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { V1Deployment } from '@kubernetes/client-node';
import { badRollout } from '../../src/sim/scenarios/bad-rollout.js';
import { rollbackAction } from '../../src/actions/rollback-action.js';
import { readDeployment, listReplicaSets } from '../../src/actions/deployment-api.js';
import { replicaSetForRevision } from '../../src/actions/deployment-patches.js';
import { waitForRollout } from '../../src/actions/wait-for-rollout.js';
import type { ActionContext } from '../../src/actions/action-executor.js';
import type { ApprovalSpec } from '../../src/actions/approval.js';
import {
  fingerprintOf,
  patchesTo,
  quietLogger,
  specFor,
  startScenario,
  type SimFixture,
} from './helpers/remediation-fixture.js';

const ns = badRollout.namespace;
let sim: SimFixture;

beforeEach(async () => {
  sim = await startScenario(badRollout);
  await new Promise((r) => setTimeout(r, 300));
});
afterEach(async () => {
  await sim.stop();
});

function ctx(spec: ApprovalSpec, beforeWrite: () => Promise<void> = () => Promise.resolve()): ActionContext {
  return {
    spec,
    clients: sim.clients,
    kubeConfig: sim.kubeConfig,
    helm: { binary: 'helm', timeoutMs: 1000 },
    logger: quietLogger,
    beforeWrite,
  };
}

const image = (d: V1Deployment | undefined) => d?.spec?.template.spec?.containers[0]?.image;

describe('rollback (kubectl rollout undo --to-revision, natively)', { timeout: 60_000 }, () => {
  it('bad rollout → one guarded patch puts revision 3 template back, pods become ready', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    expect(target.revision).toBe(4);
    const before = await readDeployment(sim.clients, ns, 'checkout');
    let marked = 0;
    const result = await rollbackAction.run(
      ctx(specFor({ kind: 'rollback', target, toRevision: 3 }), () => {
        marked += 1;
        return Promise.resolve();
      }),
    );
    expect(result).toMatchObject({ kind: 'wrote' });
    expect(marked).toBe(1);
    expect(patchesTo(sim.cluster, 'checkout')).toBe(1);
    const after = await readDeployment(sim.clients, ns, 'checkout');
    expect(image(after)).toBe('registry.example.com/shop/checkout:1.4.2');
    expect(after?.metadata?.generation).toBe((before?.metadata?.generation ?? 0) + 1);
    // The template carries no pod-template-hash: the controller adds it to ReplicaSets, not Deployments.
    expect(after?.spec?.template.metadata?.labels?.['pod-template-hash']).toBeUndefined();
    const rs = replicaSetForRevision(after!, await listReplicaSets(sim.clients, ns), 5);
    expect(rs?.spec?.template?.spec?.containers[0]?.image).toBe('registry.example.com/shop/checkout:1.4.2');
    const rollout = await waitForRollout(
      sim.clients,
      { namespace: ns, name: 'checkout' },
      { timeoutMs: 20_000, pollMs: 200 },
    );
    expect(rollout).toMatchObject({ ok: true });
  });

  it('a new rollout since the diagnosis → stale, nothing written', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    const live = await readDeployment(sim.clients, ns, 'checkout');
    const containers = live!.spec!.template.spec!.containers.map((c) => ({
      ...c,
      image: 'registry.example.com/shop/checkout:2.0.1',
    }));
    await sim.clients.apps.replaceNamespacedDeployment({
      name: 'checkout',
      namespace: ns,
      body: {
        ...live!,
        spec: {
          ...live!.spec!,
          template: { ...live!.spec!.template, spec: { ...live!.spec!.template.spec!, containers } },
        },
      },
    });
    await new Promise((r) => setTimeout(r, 300));
    sim.cluster.resetRequests();
    let marked = 0;
    const result = await rollbackAction.run(
      ctx(specFor({ kind: 'rollback', target, toRevision: 3 }), () => {
        marked += 1;
        return Promise.resolve();
      }),
    );
    expect(result.kind).toBe('stale');
    expect(result.kind === 'stale' && result.reason).toMatch(/revision 4 → 5/);
    expect(marked).toBe(0);
    expect(patchesTo(sim.cluster, 'checkout')).toBe(0);
  });

  it('deleted and re-created deployment → stale (uid changed), nothing written', async () => {
    const target = { ...(await fingerprintOf(sim.clients, ns, 'checkout')), uid: 'another-uid' };
    const result = await rollbackAction.run(ctx(specFor({ kind: 'rollback', target, toRevision: 3 })));
    expect(result.kind).toBe('stale');
    expect(patchesTo(sim.cluster, 'checkout')).toBe(0);
  });

  it('a write racing ours between read and patch makes the guard fail; the re-read sees it and refuses', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    let raced = false;
    const result = await rollbackAction.run(
      ctx(specFor({ kind: 'rollback', target, toRevision: 3 }), async () => {
        if (raced) return;
        raced = true;
        // Someone runs `kubectl set image` right before our patch leaves.
        const live = await readDeployment(sim.clients, ns, 'checkout');
        const container = live!.spec!.template.spec!.containers[0]!.name;
        await sim.clients.apps.patchNamespacedDeployment(
          {
            name: 'checkout',
            namespace: ns,
            body: {
              spec: {
                template: {
                  spec: {
                    containers: [{ name: container, image: 'registry.example.com/shop/checkout:2.0.2' }],
                  },
                },
              },
            },
          },
          (await import('@kubernetes/client-node')).setHeaderOptions(
            'Content-Type',
            'application/strategic-merge-patch+json',
          ),
        );
        await new Promise((r) => setTimeout(r, 300));
      }),
    );
    expect(result.kind).toBe('stale');
    // Our patch was sent once and refused by its guard; theirs stands.
    expect(patchesTo(sim.cluster, 'checkout')).toBe(2);
    const after = await readDeployment(sim.clients, ns, 'checkout');
    expect(image(after)).toBe('registry.example.com/shop/checkout:2.0.2');
    expect(after?.spec?.template.spec?.containers).toHaveLength(1);
  });

  it('revision no longer kept → failed with the revisions that are, nothing written', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    const result = await rollbackAction.run(ctx(specFor({ kind: 'rollback', target, toRevision: 99 })));
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.detail).toMatch(/revisions kept: 1, 2, 3, 4/);
    expect(patchesTo(sim.cluster, 'checkout')).toBe(0);
  });
});
