import { afterEach, describe, expect, it } from 'vitest';
import { badRollout } from '../../src/sim/scenarios/bad-rollout.js';
import { badRolloutArgocd } from '../../src/sim/scenarios/bad-rollout-argocd.js';
import { readDeployment } from '../../src/actions/deployment-api.js';
import { deploymentRolloutStatus } from '../../src/k8s/rollout-status.js';
import { listAudit } from '../../src/actions/audit-log.js';
import { patchesTo, until } from '../actions/helpers/remediation-fixture.js';
import {
  APPROVERS,
  hasActionButtons,
  messageText,
  startHarness,
  type Harness,
} from './helpers/remediation-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const approvalId = (x: Harness): string => x.offered.approvals[0]!.id;

/** The outcome is recorded first and then told (message, threads, audit last): wait until it was told. */
async function finalState(x: Harness) {
  await until(
    async () =>
      (await listAudit(x.redis, undefined, 200)).some(
        (e) => e.approvalId === approvalId(x) && e.event === 'outcome',
      ),
    45_000,
    'remediation outcome',
  );
  const rec = await x.remediation.store.get(approvalId(x));
  if (!rec) throw new Error('approval vanished');
  return rec;
}

describe(
  'approved remediation, end to end (sim + engine + Redis + fake Slack + Bolt)',
  { timeout: 120_000 },
  () => {
    it('bad rollout: button → approve → exactly one write, pods ready, recovered, message updated', async () => {
      h = await startHarness(badRollout, { db: 40 });
      expect(h.offered.elements).toHaveLength(1);
      expect(h.offered.elements[0]!.text.text).toBe('Roll back deployment/checkout to revision 3');
      expect(h.offered.elements[0]!.value).toBe(approvalId(h));
      expect(h.offered.elements[0]!.confirm).toBeDefined();
      expect(hasActionButtons(h)).toBe(true);
      const before = await readDeployment(h.sim.clients, badRollout.namespace, 'checkout');
      h.sim.cluster.resetRequests();

      expect(await h.click('U0APPROVER', approvalId(h))).toBe(200);
      const rec = await finalState(h);
      expect(rec.state).toBe('done');
      expect(rec.outcome?.result, rec.outcome?.summary).toBe('recovered');
      expect(patchesTo(h.sim.cluster, 'checkout')).toBe(1);
      const after = await readDeployment(h.sim.clients, badRollout.namespace, 'checkout');
      expect(after?.metadata?.generation).toBe((before?.metadata?.generation ?? 0) + 1);
      expect(after?.spec?.template.spec?.containers[0]?.image).toBe(
        'registry.example.com/shop/checkout:1.4.2',
      );
      expect(deploymentRolloutStatus(after!).state).toBe('complete');
      expect(after?.status?.readyReplicas).toBe(after?.spec?.replicas);

      // The outcome is recorded first, then told: wait for the incident thread to hear it.
      await h.fake.waitFor(
        () =>
          h!.fake
            .callsTo('chat.postMessage')
            .some((c) => c.params.channel === 'C0INCIDENT' && /Recovered/.test(String(c.params.text))),
        10_000,
        'outcome in the incident thread',
      );
      const text = messageText(h);
      expect(text).toContain('Approved by <@U0APPROVER>');
      expect(text).toContain('Recovered');
      expect(hasActionButtons(h)).toBe(false);
      // Thread replies under the result message and in the incident channel's thread.
      const replies = h.fake.callsTo('chat.postMessage').filter((c) => c.params.thread_ts === h!.message.ts);
      expect(replies.some((c) => String(c.params.text).includes('Recovered'))).toBe(true);
      const incident = h.fake.channelMessages('C0INCIDENT');
      expect(incident[0]?.text).toContain('checkout');
      const incidentReplies = h.fake
        .callsTo('chat.postMessage')
        .filter((c) => c.params.channel === 'C0INCIDENT' && c.params.thread_ts === incident[0]?.ts);
      expect(incidentReplies.map((c) => String(c.params.text)).join('\n')).toMatch(
        /Approved by[\s\S]*Recovered/,
      );
      const audit = (
        await listAudit(h.redis, { app: 'checkout', namespace: badRollout.namespace }, 50)
      ).filter((e) => e.approvalId === approvalId(h!));
      expect(audit.map((e) => e.event).reverse()).toEqual(['request', 'approval', 'outcome']);
    });

    it('10 concurrent approve clicks → one claim, one job, one write', async () => {
      h = await startHarness(badRollout, { db: 41 });
      h.sim.cluster.resetRequests();
      const statuses = await Promise.all(APPROVERS.map((u) => h!.click(u, approvalId(h!))));
      expect(statuses.every((s) => s === 200)).toBe(true);
      const rec = await finalState(h);
      expect(rec.state).toBe('done');
      expect(patchesTo(h.sim.cluster, 'checkout')).toBe(1);
      // The nine others were told, each alone, that it was already approved.
      await h.fake.waitFor(() => h!.fake.ephemerals.length >= 9, 10_000, 'nine ephemerals');
      expect(new Set(h.fake.ephemerals.map((e) => e.user)).size).toBe(9);
      expect(h.fake.ephemerals.every((e) => /already approved/.test(e.text))).toBe(true);
      const jobs = await h.remediation.queue.getJobs(['completed', 'failed', 'active', 'waiting']);
      expect(
        jobs.filter((j) => (j.data as { approvalId: string }).approvalId === approvalId(h!)),
      ).toHaveLength(1);
    });

    it('refusals are ephemeral to the clicker and change nothing: non-approver, four-eyes, expired', async () => {
      h = await startHarness(badRollout, {
        db: 42,
        config: { requireSecondApprover: true },
        requestedBy: 'U0APPROVER',
      });
      h.sim.cluster.resetRequests();
      const updatesBefore = h.fake.callsTo('chat.update').length;

      await h.click('U0STRANGER', approvalId(h));
      await h.fake.waitFor(
        () => h!.fake.ephemerals.find((e) => e.user === 'U0STRANGER'),
        5000,
        'stranger ephemeral',
      );
      expect(h.fake.ephemerals.find((e) => e.user === 'U0STRANGER')?.text).toMatch(/not an approver/);

      await h.click('U0APPROVER', approvalId(h));
      await h.fake.waitFor(
        () => h!.fake.ephemerals.find((e) => e.user === 'U0APPROVER'),
        5000,
        'requester ephemeral',
      );
      expect(h.fake.ephemerals.find((e) => e.user === 'U0APPROVER')?.text).toMatch(/Four-eyes/);

      // Expire it in place, then an approver (via the user group) clicks.
      await h.redis.hset(`gw502:approval:${approvalId(h)}`, 'expiresAtMs', String(Date.now() - 1));
      const spec = JSON.parse((await h.redis.hget(`gw502:approval:${approvalId(h)}`, 'spec'))!);
      spec.expiresAt = new Date(Date.now() - 1).toISOString();
      await h.redis.hset(`gw502:approval:${approvalId(h)}`, 'spec', JSON.stringify(spec));
      await h.click('U0GROUPED', approvalId(h));
      await h.fake.waitFor(
        () => h!.fake.ephemerals.find((e) => e.user === 'U0GROUPED'),
        5000,
        'expired ephemeral',
      );
      expect(h.fake.ephemerals.find((e) => e.user === 'U0GROUPED')?.text).toMatch(/expired/);

      expect((await h.remediation.store.get(approvalId(h)))?.state).toBe('pending');
      expect(patchesTo(h.sim.cluster, 'checkout')).toBe(0);
      expect(h.fake.callsTo('chat.update').length).toBe(updatesBefore);
      expect(hasActionButtons(h)).toBe(true);
      const audit = (await listAudit(h.redis, undefined, 50)).filter((e) => e.approvalId === approvalId(h!));
      expect(audit.filter((e) => e.event === 'refusal')).toHaveLength(3);
    });

    it('user-group member may approve (usergroups.users.list, cached)', async () => {
      h = await startHarness(badRollout, { db: 43 });
      await h.click('U0GROUPED', approvalId(h));
      const rec = await finalState(h);
      expect(rec.approvedBy).toBe('U0GROUPED');
      expect(h.fake.callsTo('usergroups.users.list')).toHaveLength(1);
    });

    it('stale revision: a new rollout after the diagnosis → refused, says why, offers a fresh diagnosis, nothing written', async () => {
      h = await startHarness(badRollout, { db: 44 });
      const live = await readDeployment(h.sim.clients, badRollout.namespace, 'checkout');
      const container = live!.spec!.template.spec!.containers[0]!;
      await h.sim.clients.apps.replaceNamespacedDeployment({
        name: 'checkout',
        namespace: badRollout.namespace,
        body: {
          ...live!,
          spec: {
            ...live!.spec!,
            template: {
              ...live!.spec!.template,
              spec: {
                ...live!.spec!.template.spec!,
                containers: [{ ...container, image: 'registry.example.com/shop/checkout:2.0.1' }],
              },
            },
          },
        },
      });
      await new Promise((r) => setTimeout(r, 400));
      h.sim.cluster.resetRequests();
      await h.click('U0APPROVER', approvalId(h));
      const rec = await finalState(h);
      expect(rec.state).toBe('failed');
      expect(rec.outcome?.result).toBe('stale');
      expect(rec.outcome?.wrote).toBe(false);
      expect(patchesTo(h.sim.cluster, 'checkout')).toBe(0);
      const text = messageText(h);
      expect(text).toMatch(/revision 4 → 5/);
      expect(text).toContain('gw502-rediagnose');
      expect(hasActionButtons(h)).toBe(false);
    });

    it('GitOps-managed target (Argo CD): no button, the message says rollback goes through Git', async () => {
      h = await startHarness(badRolloutArgocd, { db: 45 });
      expect(h.offered.elements).toHaveLength(0);
      expect(hasActionButtons(h)).toBe(false);
      expect(messageText(h)).toMatch(/Git/);
      expect(patchesTo(h.sim.cluster, 'checkout')).toBe(0);
    });
  },
);
