import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../src/actions/audit-log.js';
import { ApproverResolver } from '../../src/actions/approver-resolver.js';
import { withAuditSection } from '../../src/actions/render-audit.js';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { redisDb } from './helpers/remediation-fixture.js';

const { redis } = redisDb(28);
afterAll(() => redis.quit());

describe('audit stream', () => {
  it('appends every event and lists them newest first, filtered by app+namespace, for /gw502 history', async () => {
    const app = `audit${Math.random().toString(36).slice(2, 8)}`;
    const base = {
      approvalId: 'a1',
      action: 'rollback',
      app,
      namespace: 'shop',
      target: `deployment/${app} in shop`,
    };
    await appendAudit(redis, { ...base, event: 'request', user: 'U0REQ', detail: 'offered' });
    await appendAudit(redis, { ...base, event: 'refusal', user: 'U0X', detail: 'not an approver' });
    await appendAudit(redis, { ...base, event: 'approval', user: 'U0APP', detail: 'approved' });
    await appendAudit(redis, { ...base, event: 'outcome', user: 'U0APP', detail: 'recovered: ok' });
    await appendAudit(redis, { ...base, app: 'other', event: 'request', user: 'U0REQ', detail: 'offered' });
    const entries = await listAudit(redis, { app, namespace: 'shop' }, 10);
    expect(entries.map((e) => e.event)).toEqual(['outcome', 'approval', 'refusal', 'request']);
    const message = withAuditSection({ text: 'history', blocks: [] }, entries);
    expect(JSON.stringify(message.blocks)).toContain('*refusal* · rollback');
    expect(checkMessageLimits(message)).toEqual([]);
  });

  it('stays bounded: XADD trims with MAXLEN ~', async () => {
    expect(await redis.xlen('gw502:audit')).toBeLessThanOrEqual(10_000 + 200);
  });
});

describe('approver resolution', () => {
  const api = (members: Record<string, string[]>, calls: string[]) => ({
    usergroups: {
      users: {
        list: ({ usergroup }: { usergroup: string }) => {
          calls.push(usergroup);
          const users = members[usergroup];
          return Promise.resolve(users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' });
        },
      },
    },
  });

  it('configured users and user group members are approvers; the group is read once per cache period', async () => {
    const calls: string[] = [];
    let now = 0;
    const r = new ApproverResolver(
      { users: ['U0A'], usergroups: ['S0SRE'] },
      api({ S0SRE: ['U0G'] }, calls),
      undefined,
      60_000,
      () => now,
    );
    expect(await r.check('U0A')).toEqual({ allowed: true, via: 'user' });
    expect(await r.check('U0G')).toEqual({ allowed: true, via: 'usergroup' });
    expect((await r.check('U0NOPE')).allowed).toBe(false);
    expect(calls).toEqual(['S0SRE']);
    now = 61_000;
    await r.check('U0G');
    expect(calls).toEqual(['S0SRE', 'S0SRE']);
  });

  it('fails closed when a group cannot be read, and says so', async () => {
    const r = new ApproverResolver({ users: [], usergroups: ['S0GONE'] }, api({}, []));
    const res = await r.check('U0G');
    expect(res.allowed).toBe(false);
    expect(!res.allowed && res.reason).toMatch(/could not read user group S0GONE/);
  });

  it('nobody is an approver by default', async () => {
    const r = new ApproverResolver({ users: [], usergroups: [] }, api({}, []));
    const res = await r.check('U0A');
    expect(!res.allowed && res.reason).toMatch(/no approvers are configured/);
  });
});
