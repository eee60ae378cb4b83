import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { ACTIONS_BLOCK_ID, renderReportMessage } from '../../src/blocks/render-report.js';
import { CAUSES, type CheckResult } from '../../src/diagnosis/report.js';
import { crashLoopReport, hugeReport } from '../helpers/report-fixtures.js';

const allText = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe('renderReportMessage', () => {
  it('leads with the verdict and shows failed, warning and errored checks with evidence', () => {
    const msg = renderReportMessage(crashLoopReport(), {
      jobId: 'diagnose.shop.checkout.x1',
      requestedBy: 'U0ONCALL',
    });
    expect(checkMessageLimits(msg)).toEqual([]);
    const header = msg.blocks[0];
    expect(header?.type).toBe('header');
    expect(JSON.stringify(header)).toContain('checkout in shop: bad rollout');
    expect(JSON.stringify(header)).toContain(':red_circle:');
    const text = allText(msg);
    expect(text).toContain('*Verdict:* `bad-rollout` (high confidence)');
    expect(text).toContain('*pods-ready* — 0/3 ready');
    expect(text).toContain('CrashLoopBackOff (exit 1)');
    expect(text).toContain('*pod-logs*');
    expect(text).toContain('needs list on networking.k8s.io/networkpolicies');
    // ok checks are counted, not listed with evidence; skipped ones are named
    expect(text).not.toContain('*service-endpoints*');
    expect(text).toContain('1 skipped (proxy-logs)');
    expect(text).toContain('Roll back `deployment/checkout` in `shop` to revision 3');
    expect(text).toContain('job `diagnose.shop.checkout.x1`');
    expect(text).toContain('Diagnosed in 1.2 s');
    expect(text).toContain('<@U0ONCALL>');
    // fail before warn
    expect(text.indexOf('*recent-rollout*')).toBeLessThan(text.indexOf('*pod-logs*'));
    expect(msg.text).toContain('checkout in shop: bad rollout');
  });

  it('uses a healthy emoji and no actions for a healthy verdict', () => {
    const report = crashLoopReport({
      verdict: { cause: 'healthy', confidence: 'medium', summary: 'Nothing explains a 502.', actions: [] },
      checks: [{ id: 'pods-ready', status: 'ok', summary: '3/3 ready', evidence: [] }],
    });
    const msg = renderReportMessage(report);
    expect(JSON.stringify(msg.blocks[0])).toContain(':white_check_mark:');
    expect(allText(msg)).not.toContain('Suggested actions');
    expect(checkMessageLimits(msg)).toEqual([]);
  });

  it('keeps a slot for approval buttons', () => {
    const msg = renderReportMessage(crashLoopReport(), {
      actionElements: [
        {
          type: 'button',
          action_id: 'rollback',
          text: { type: 'plain_text', text: 'Roll back' },
          value: 'x',
        },
      ],
    });
    const actions = msg.blocks.find((b) => b.type === 'actions');
    expect(actions?.block_id).toBe(ACTIONS_BLOCK_ID);
    expect(checkMessageLimits(msg)).toEqual([]);
  });

  it('renders 10,000 log lines and 200 failing pods as a valid, readable message that says what was left out', () => {
    const msg = renderReportMessage(hugeReport(), { jobId: 'j1' });
    expect(checkMessageLimits(msg)).toEqual([]);
    const text = allText(msg);
    expect(text).toContain('… 9988 more lines');
    expect(text).toContain('… 188 more lines');
    expect(text).toMatch(/_…and \d+ more:_/);
    // pod-log content is escaped: no channel pings, no early fence close
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    // readable: under 16 kB of text in total, the verdict still first
    expect(JSON.stringify(msg).length).toBeLessThan(25_000);
    expect(msg.blocks[1]?.type).toBe('section');
  });

  it('stays within limits for any report (property)', () => {
    const check = fc.record({
      id: fc.string({ minLength: 1, maxLength: 300 }),
      status: fc.constantFrom('ok', 'warn', 'fail', 'error', 'skipped'),
      summary: fc.string({ maxLength: 4000 }),
      evidence: fc.array(fc.string({ maxLength: 5000 }), { maxLength: 60 }),
    }) as fc.Arbitrary<CheckResult>;
    fc.assert(
      fc.property(
        fc.array(check, { maxLength: 40 }),
        fc.constantFrom(...CAUSES),
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 5000 }),
        (checks, cause, app, summary) => {
          const base = crashLoopReport();
          const msg = renderReportMessage(
            {
              ...base,
              app,
              checks,
              verdict: { ...base.verdict, cause, summary, actions: Array(30).fill(base.verdict.actions[0]) },
            },
            { jobId: 'j'.repeat(300), notes: ['n'.repeat(4000)] },
          );
          expect(checkMessageLimits(msg)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
