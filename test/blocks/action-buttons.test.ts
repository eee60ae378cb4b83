import { describe, expect, it } from 'vitest';
import { APPROVE_ACTION_PREFIX, approvalButton } from '../../src/blocks/action-buttons.js';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import type { ApprovalSpec } from '../../src/actions/approval.js';

const spec = (over: Partial<ApprovalSpec>): ApprovalSpec => ({
  id: 'abc123',
  groupId: 'g1',
  kind: 'rollback',
  target: { kind: 'Deployment', namespace: 'shop', name: 'checkout', uid: 'u', revision: 4 },
  toRevision: 3,
  app: 'checkout',
  namespace: 'shop',
  requester: 'U0R',
  createdAt: new Date().toISOString(),
  expiresAt: new Date().toISOString(),
  ...over,
});

describe('approve buttons', () => {
  it('rollback: names target and revision, carries only the approval id, asks for confirmation', () => {
    const b = approvalButton(spec({}));
    expect(b.text.text).toBe('Roll back deployment/checkout to revision 3');
    expect(b.value).toBe('abc123');
    expect(b.action_id).toBe(`${APPROVE_ACTION_PREFIX}abc123`);
    expect(b.confirm?.text.text).toMatch(/revision 3/);
    expect(b.confirm?.confirm?.text).toBe('Roll back');
  });

  it('helm and proxy buttons start with "Roll back" / "Restart proxy"', () => {
    expect(approvalButton(spec({ kind: 'helm-rollback', release: 'checkout' })).text.text).toMatch(
      /^Roll back release checkout to revision 3/,
    );
    const proxy = approvalButton(
      spec({
        kind: 'restart-proxy',
        toRevision: undefined,
        target: {
          kind: 'Deployment',
          namespace: 'ingress-nginx',
          name: 'ingress-nginx-controller',
          revision: 2,
        },
      }),
    );
    expect(proxy.text.text).toBe('Restart proxy deployment/ingress-nginx-controller (rev 2)');
  });

  it('stays within Block Kit limits with very long names', () => {
    const long = 'a'.repeat(63);
    const b = approvalButton(spec({ target: { kind: 'Deployment', namespace: long, name: long } }));
    expect(checkMessageLimits({ text: 'x', blocks: [{ type: 'actions', elements: [b] }] })).toEqual([]);
  });
});
