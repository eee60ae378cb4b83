import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRolloutHelm } from '../../src/sim/scenarios/bad-rollout-helm.js';
import { helmRollbackAction } from '../../src/actions/helm-rollback-action.js';
import { readDeployment } from '../../src/actions/deployment-api.js';
import { waitForRollout } from '../../src/actions/wait-for-rollout.js';
import type { ApprovalSpec } from '../../src/actions/approval.js';
import { layerHelm } from '../helpers/tools.js';
import {
  fingerprintOf,
  patchesTo,
  quietLogger,
  specFor,
  startScenario,
  type SimFixture,
} from './helpers/remediation-fixture.js';

const ns = badRolloutHelm.namespace;
let sim: SimFixture;
let helm: string;

beforeAll(async () => {
  helm = await layerHelm();
  sim = await startScenario(badRolloutHelm);
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(async () => {
  await sim.stop();
});

const run = (spec: ApprovalSpec, beforeWrite = () => Promise.resolve()) =>
  helmRollbackAction.run({
    spec,
    clients: sim.clients,
    kubeConfig: sim.kubeConfig,
    helm: { binary: helm, timeoutMs: 60_000 },
    logger: quietLogger,
    beforeWrite,
  });

describe('helm-rollback with the real helm binary against the simulated cluster', { timeout: 90_000 }, () => {
  it('stale target → helm is never run', async () => {
    const target = { ...(await fingerprintOf(sim.clients, ns, 'checkout')), revision: 1 };
    let ran = 0;
    const result = await run(
      specFor({ kind: 'helm-rollback', target, toRevision: 3, release: 'checkout' }),
      () => {
        ran += 1;
        return Promise.resolve();
      },
    );
    expect(result.kind).toBe('stale');
    expect(ran).toBe(0);
  });

  it('unknown release → failed with helm’s own message, nothing written', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    sim.cluster.resetRequests();
    const result = await run(
      specFor({ kind: 'helm-rollback', target, toRevision: 3, release: 'no-such-release' }),
    );
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.output).toMatch(/not found/i);
    expect(patchesTo(sim.cluster, 'checkout')).toBe(0);
  });

  it('helm rollback checkout 3 --wait → release revision 5 deployed, checkout back on 1.4.2 and rolled out', async () => {
    const target = await fingerprintOf(sim.clients, ns, 'checkout');
    const result = await run(specFor({ kind: 'helm-rollback', target, toRevision: 3, release: 'checkout' }));
    expect(result, JSON.stringify(result)).toMatchObject({ kind: 'wrote' });
    const d = await readDeployment(sim.clients, ns, 'checkout');
    expect(d?.spec?.template.spec?.containers[0]?.image).toBe('registry.example.com/shop/checkout:1.4.2');
    const secrets = await sim.clients.core.listNamespacedSecret({
      namespace: ns,
      labelSelector: 'owner=helm,name=checkout',
    });
    const deployed = secrets.items.filter((s) => s.metadata?.labels?.status === 'deployed');
    expect(deployed.map((s) => s.metadata?.labels?.version)).toEqual(['5']);
    const rollout = await waitForRollout(
      sim.clients,
      { namespace: ns, name: 'checkout' },
      { timeoutMs: 20_000, pollMs: 200 },
    );
    expect(rollout.ok).toBe(true);
  });
});
