import { afterAll, describe, expect, it } from 'vitest';
import { ApprovalStore } from '../../src/actions/approval-store.js';
import { notStartedOutcome, unknownOutcome } from '../../src/actions/remediation-notes.js';
import { redisDb, specFor } from './helpers/remediation-fixture.js';

const { redis } = redisDb(27);
const store = new ApprovalStore(redis);
afterAll(() => redis.quit());

const target = { kind: 'Deployment' as const, namespace: 'shop', name: 'checkout', uid: 'u1', revision: 4 };
const group = { channel: 'C0OPS', ts: '1.1', report: '{}', requestedBy: 'U0REQUEST' };

async function pending(
  overrides: Parameters<typeof specFor>[0] = { kind: 'rollback', target, toRevision: 3 },
) {
  const spec = specFor(overrides);
  await store.create(spec.groupId, group, [spec]);
  return spec;
}

describe('approval state machine in Redis', () => {
  it('10 concurrent claims of one approval → exactly one wins, the rest see it executing', async () => {
    const spec = await pending();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claim(spec, `U0APPR${i}`)));
    const winners = results.filter((r) => r.kind === 'claimed');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'not-pending')).toHaveLength(9);
    const rec = await store.get(spec.id);
    expect(rec?.state).toBe('executing');
    expect(rec?.approvedBy).toMatch(/^U0APPR\d$/);
  });

  it('a replayed claim after the run finished changes nothing', async () => {
    const spec = await pending();
    expect((await store.claim(spec, 'U0A')).kind).toBe('claimed');
    expect((await store.start(spec.id, 'w1')).kind).toBe('started');
    expect(
      await store.finish(spec.id, 'w1', 'done', { result: 'recovered', wrote: true, summary: 'ok' }),
    ).toBe(true);
    const replay = await store.claim(spec, 'U0B');
    expect(replay).toEqual({ kind: 'not-pending', state: 'done', approvedBy: 'U0A' });
    expect((await store.get(spec.id))?.approvedBy).toBe('U0A');
  });

  it('expired approval cannot be claimed and stays pending', async () => {
    const spec = await pending({
      kind: 'rollback',
      target,
      toRevision: 3,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect((await store.claim(spec, 'U0A')).kind).toBe('expired');
    expect((await store.get(spec.id))?.state).toBe('pending');
  });

  it('approving one action of a message voids the others of the same message', async () => {
    const a = specFor({ kind: 'rollback', target, toRevision: 3 });
    const b = {
      ...specFor({ kind: 'restart-proxy', target: { ...target, name: 'proxy' } }),
      groupId: a.groupId,
    };
    await store.create(a.groupId, group, [a, b]);
    const [ra, rb] = await Promise.all([store.claim(a, 'U0A'), store.claim(b, 'U0B')]);
    expect([ra.kind, rb.kind].sort()).toEqual(['claimed', 'group-claimed']);
  });

  it('only the first run may start; a second run (stalled re-run, duplicate job) is refused', async () => {
    const spec = await pending();
    await store.claim(spec, 'U0A');
    const starts = await Promise.all([store.start(spec.id, 'w1'), store.start(spec.id, 'w2')]);
    expect(starts.filter((s) => s.kind === 'started')).toHaveLength(1);
    expect(starts.filter((s) => s.kind === 'already-started')).toHaveLength(1);
  });

  it('a pending approval cannot be started (no click, no run)', async () => {
    const spec = await pending();
    expect(await store.start(spec.id, 'w1')).toEqual({ kind: 'not-executing', state: 'pending' });
  });

  it('reaper: a started run whose heartbeat stopped → unknown; a late finish by another worker is refused', async () => {
    const spec = await pending();
    await store.claim(spec, 'U0A');
    await store.start(spec.id, 'w1', new Date(Date.now() - 60_000));
    const limits = { staleHeartbeatMs: 10_000, unstartedMs: 60_000 };
    const outcomes = { unknown: unknownOutcome(spec), notStarted: notStartedOutcome() };
    expect(await store.reap(spec.id, limits, outcomes)).toBe('unknown');
    expect(await store.reap(spec.id, limits, outcomes)).toBe('gone');
    const rec = await store.get(spec.id);
    expect(rec?.state).toBe('unknown');
    expect(rec?.outcome?.result).toBe('unknown');
    expect(await store.markWriting(spec.id, 'w1')).toBe(false);
    expect(
      await store.finish(spec.id, 'w2', 'done', { result: 'recovered', wrote: true, summary: 'x' }),
    ).toBe(false);
    expect(await store.executingIds()).not.toContain(spec.id);
  });

  it('reaper leaves a run with a fresh heartbeat alone', async () => {
    const spec = await pending();
    await store.claim(spec, 'U0A');
    await store.start(spec.id, 'w1');
    await store.heartbeat(spec.id, 'w1');
    const outcomes = { unknown: unknownOutcome(spec), notStarted: notStartedOutcome() };
    expect(await store.reap(spec.id, { staleHeartbeatMs: 10_000, unstartedMs: 60_000 }, outcomes)).toBe(
      'alive',
    );
    expect((await store.get(spec.id))?.state).toBe('executing');
  });

  it('reaper: a claim no worker started in time → failed (not-started), and no worker can start it later', async () => {
    const spec = await pending();
    await store.claim(spec, 'U0A', new Date(Date.now() - 120_000));
    const outcomes = { unknown: unknownOutcome(spec), notStarted: notStartedOutcome() };
    expect(await store.reap(spec.id, { staleHeartbeatMs: 10_000, unstartedMs: 60_000 }, outcomes)).toBe(
      'not-started',
    );
    expect(await store.start(spec.id, 'w1')).toEqual({ kind: 'not-executing', state: 'failed' });
    expect((await store.get(spec.id))?.outcome?.wrote).toBe(false);
  });
});
