import { describe, expect, it } from 'vitest';
import { mrkdwnToHtml, plainTextToHtml } from '../../src/demo/mrkdwn-to-html.js';

describe('mrkdwnToHtml', () => {
  it('renders bold, italic, strike and inline code like Slack', () => {
    expect(mrkdwnToHtml('*Verdict:* `bad-rollout` is _likely_ ~fixed~')).toBe(
      '<strong>Verdict:</strong> <code>bad-rollout</code> is <em>likely</em> <del>fixed</del>',
    );
  });

  it('bolds a word followed by punctuation Slack accepts (ellipsis, colon)', () => {
    expect(mrkdwnToHtml('Diagnosing *checkout* in *shop*…')).toBe(
      'Diagnosing <strong>checkout</strong> in <strong>shop</strong>…',
    );
  });

  it('leaves snake_case and arithmetic alone', () => {
    expect(mrkdwnToHtml('max_fails_count 2*3*4')).toBe('max_fails_count 2*3*4');
  });

  it('keeps code blocks verbatim (no formatting, escaped) and does not double the line break', () => {
    const html = mrkdwnToHtml('Evidence:\n```*not bold* <b>x</b>\nline 2```\nafter');
    expect(html).toBe('Evidence:<pre class="code-block">*not bold* &lt;b&gt;x&lt;/b&gt;\nline 2</pre>after');
  });

  it('turns Slack escapes back into the characters they stand for, escaped for HTML', () => {
    expect(mrkdwnToHtml('a &lt;b&gt; &amp; c')).toBe('a &lt;b&gt; &amp; c');
    expect(mrkdwnToHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).not.toContain('<script>');
  });

  it('never lets raw HTML through', () => {
    const html = mrkdwnToHtml('<img src=x onerror=alert(1)> "quoted" \'single\'');
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('&quot;quoted&quot;');
  });

  it('renders links with labels, and refuses javascript: URLs', () => {
    expect(mrkdwnToHtml('see <https://example.com/a?b=1&amp;c=2|the runbook>')).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the runbook</a>',
    );
    expect(mrkdwnToHtml('<javascript:alert(1)|click>')).toBe('click');
  });

  it('names mentioned users and channels', () => {
    const html = mrkdwnToHtml('requested by <@U0ONCALL> in <#C0OPS>', {
      userName: (id) => (id === 'U0ONCALL' ? 'Dana Okafor' : undefined),
      channelName: () => 'ops',
    });
    expect(html).toBe(
      'requested by <span class="mention">@Dana Okafor</span> in <span class="mention">#ops</span>',
    );
  });

  it('renders <!date^…> as a time element the page localises, with the fallback text', () => {
    const html = mrkdwnToHtml('<!date^1796229980^{date_short_pretty} {time_secs}|2026-12-02T16:46:20Z>');
    expect(html).toBe(
      '<time datetime="2026-12-02T16:46:20.000Z" data-unix="1796229980">2026-12-02T16:46:20Z</time>',
    );
  });

  it('replaces known emoji shortcodes and keeps unknown ones as text', () => {
    expect(mrkdwnToHtml(':white_check_mark: ok :x: fail :custom_party:')).toBe(
      '✅ ok ❌ fail :custom_party:',
    );
  });

  it('renders > quotes as one blockquote', () => {
    expect(mrkdwnToHtml('&gt; first\n&gt; second\nafter')).toBe(
      '<blockquote>first<br>second</blockquote><br>after',
    );
  });

  it('plain text is escaped, with emoji only when asked', () => {
    expect(plainTextToHtml(':red_circle: <checkout>')).toBe('🔴 &lt;checkout&gt;');
    expect(plainTextToHtml(':red_circle:', false)).toBe(':red_circle:');
  });
});
