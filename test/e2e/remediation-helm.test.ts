import { afterAll, describe, expect, it } from 'vitest';
import { badRolloutHelm } from '../../src/sim/scenarios/bad-rollout-helm.js';
import { listAudit } from '../../src/actions/audit-log.js';
import { readDeployment } from '../../src/actions/deployment-api.js';
import { layerHelm } from '../helpers/tools.js';
import { until } from '../actions/helpers/remediation-fixture.js';
import { hasActionButtons, messageText, startHarness, type Harness } from './helpers/remediation-harness.js';

let h: Harness | undefined;
afterAll(async () => {
  await h?.stop();
});

describe('approved Helm rollback, end to end (real helm binary)', { timeout: 180_000 }, () => {
  it('Helm-managed bad rollout: "Roll back release checkout to revision 3 (Helm)" → helm rollback → recovered', async () => {
    h = await startHarness(badRolloutHelm, { db: 31, helm: await layerHelm() });
    const button = h.offered.elements[0];
    expect(button?.text.text).toBe('Roll back release checkout to revision 3 (Helm)');
    const id = h.offered.approvals[0]!.id;
    await h.click('U0APPROVER', id);
    await until(
      async () =>
        (await listAudit(h!.redis, undefined, 200)).some((e) => e.approvalId === id && e.event === 'outcome'),
      120_000,
      'helm remediation outcome',
    );
    const rec = await h.remediation.store.get(id);
    expect(rec?.state).toBe('done');
    expect(rec?.outcome?.result, rec?.outcome?.summary).toBe('recovered');
    const d = await readDeployment(h.sim.clients, badRolloutHelm.namespace, 'checkout');
    expect(d?.spec?.template.spec?.containers[0]?.image).toBe('registry.example.com/shop/checkout:1.4.2');
    const secrets = await h.sim.clients.core.listNamespacedSecret({
      namespace: badRolloutHelm.namespace,
      labelSelector: 'owner=helm,name=checkout',
    });
    expect(
      secrets.items
        .filter((s) => s.metadata?.labels?.status === 'deployed')
        .map((s) => s.metadata?.labels?.version),
    ).toEqual(['5']);
    expect(messageText(h)).toContain('helm rolled back release checkout to revision 3');
    expect(hasActionButtons(h)).toBe(false);
  });
});
