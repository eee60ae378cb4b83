import { describe, expect, it } from 'vitest';
import { approvalButton } from '../../src/blocks/action-buttons.js';
import { renderReportMessage } from '../../src/blocks/render-report.js';
import type { DiagnosisReport } from '../../src/diagnosis/report.js';
import { renderBlocksHtml } from '../../src/demo/render-blocks-html.js';

const report: DiagnosisReport = {
  app: 'checkout',
  namespace: 'shop',
  verdict: {
    cause: 'bad-rollout',
    confidence: 'high',
    summary: 'the 502s began with revision 4',
    actions: [{ kind: 'rollback', target: 'deployment/checkout', toRevision: 3 }],
  },
  checks: [
    { id: 'pods-ready', status: 'fail', summary: '0/3 ready', evidence: ['checkout-abc CrashLoopBackOff'] },
    { id: 'service-selects-pods', status: 'ok', summary: 'selects 3 pods', evidence: [] },
  ],
  durationMs: 412,
};

describe('renderBlocksHtml', () => {
  it('renders a real report message: header with emoji, verdict in bold and code, evidence as a code block', () => {
    const message = renderReportMessage(report);
    const html = renderBlocksHtml({ ts: '1.000001', text: message.text, blocks: message.blocks });
    expect(html).toContain('<div class="bk-header">🔴 checkout in shop: bad rollout</div>');
    expect(html).toContain('<strong>Verdict:</strong> <code>bad-rollout</code> (high confidence)');
    expect(html).toContain('<pre class="code-block">checkout-abc CrashLoopBackOff</pre>');
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toMatch(/<div class="bk-context">.*1 ok/);
  });

  it('renders buttons with their block and action ids and the confirm dialog as data', () => {
    const button = approvalButton({
      id: 'ap1',
      groupId: 'g1',
      kind: 'rollback',
      target: { kind: 'Deployment', namespace: 'shop', name: 'checkout' },
      toRevision: 3,
      app: 'checkout',
      namespace: 'shop',
      requester: 'U0ONCALL',
      createdAt: '2026-12-02T16:00:00.000Z',
      expiresAt: '2026-12-02T16:15:00.000Z',
    });
    const html = renderBlocksHtml({
      ts: '1796229980.265000',
      text: 'x',
      blocks: [{ type: 'actions', block_id: 'gw502-actions', elements: [button] }],
    });
    expect(html).toContain('class="bk-button bk-button-danger"');
    expect(html).toContain('data-ts="1796229980.265000"');
    expect(html).toContain('data-block-id="gw502-actions"');
    expect(html).toContain('data-action-id="gw502-approve:ap1"');
    const confirm = /data-confirm="([^"]*)"/.exec(html)?.[1];
    expect(confirm).toBeDefined();
    const unescaped = confirm!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const dialog = JSON.parse(unescaped) as Record<string, string>;
    expect(dialog.title).toBe('Roll back?');
    expect(dialog.confirm).toBe('Roll back');
    expect(dialog.deny).toBe('Cancel');
    expect(dialog.html).toContain('<code>kubectl rollout undo</code>');
  });

  it('renders section fields and a button accessory', () => {
    const html = renderBlocksHtml({
      ts: '1.1',
      text: '',
      blocks: [
        {
          type: 'section',
          block_id: 'b1',
          fields: [
            { type: 'mrkdwn', text: '*App*\ncheckout' },
            { type: 'plain_text', text: 'shop' },
          ],
          accessory: { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } },
        },
      ],
    });
    expect(html).toContain(
      '<div class="bk-fields"><div class="bk-field"><strong>App</strong><br>checkout</div><div class="bk-field">shop</div></div>',
    );
    expect(html).toContain('<div class="bk-accessory"><button class="bk-button"');
  });

  it('shows unknown blocks and elements as visible placeholders instead of dropping them', () => {
    const html = renderBlocksHtml({
      ts: '1.1',
      text: '',
      blocks: [
        { type: 'input', block_id: 'i' },
        { type: 'actions', block_id: 'a', elements: [{ type: 'static_select', action_id: 's' }] },
      ],
    });
    expect(html).toContain('[input block not shown in the demo]');
    expect(html).toContain('[static_select not shown in the demo]');
  });

  it('falls back to the text as mrkdwn when a message has no blocks', () => {
    expect(renderBlocksHtml({ ts: '1.1', text: ':warning: *Redis* down', blocks: [] })).toBe(
      '<div class="bk-text">⚠️ <strong>Redis</strong> down</div>',
    );
  });
});
