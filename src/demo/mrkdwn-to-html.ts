import { replaceEmojiShortcodes } from './emoji-shortcodes.js';

/**
 * Slack mrkdwn → safe HTML, for the demo channel page. Slack's rules, as far as our messages and a person
 * typing use them: ``` code blocks ```, `inline code`, *bold*, _italic_, ~strike~, `>` quotes, links
 * `<url|label>`, mentions `<@U…>`, channels `<#C…|name>`, `<!here>`, dates `<!date^unix^format|fallback>`,
 * `:emoji:`, and the three escapes (&amp; &lt; &gt;) senders must apply to literal `&`, `<` and `>`.
 * Everything else is text: nothing from a message can inject markup into the page.
 */

export interface MrkdwnContext {
  /** Display name of a user id (`U0ONCALL` → `Dana`), for mentions. */
  userName?: (id: string) => string | undefined;
  /** Name of a channel id, when a `<#C…>` mention carries no label. */
  channelName?: (id: string) => string | undefined;
}

/** Escape for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Undo Slack's three escapes: what the sender meant literally. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Plain text as HTML (plain_text objects): escaped, emoji shortcodes replaced when asked, line breaks kept. */
export function plainTextToHtml(text: string, emoji = true): string {
  const escaped = escapeHtml(text);
  return (emoji ? replaceEmojiShortcodes(escaped) : escaped).replace(/\n/g, '<br>');
}

const SAFE_URL = /^(https?:|mailto:)/i;

function renderAngle(inner: string, ctx: MrkdwnContext): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : undefined;
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = label ?? ctx.userName?.(id) ?? id;
    return `<span class="mention">@${escapeHtml(unescapeSlack(name))}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = label ?? ctx.channelName?.(id) ?? id;
    return `<span class="mention">#${escapeHtml(unescapeSlack(name))}</span>`;
  }
  if (target.startsWith('!date^')) {
    const [, unix] = target.split('^');
    const seconds = Number(unix);
    const fallback = escapeHtml(unescapeSlack(label ?? ''));
    if (!Number.isFinite(seconds)) return fallback;
    const iso = new Date(seconds * 1000).toISOString();
    return `<time datetime="${iso}" data-unix="${seconds}">${fallback || iso}</time>`;
  }
  if (target.startsWith('!')) {
    const word = target.slice(1).split('^')[0] ?? '';
    return `<span class="mention">@${escapeHtml(label ?? word)}</span>`;
  }
  const url = unescapeSlack(target);
  const text = escapeHtml(unescapeSlack(label ?? target));
  if (!SAFE_URL.test(url)) return text;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

/** Text between tokens: escape, keeping Slack's own escapes as the characters they stand for. */
function escapeText(text: string): string {
  return escapeHtml(unescapeSlack(text));
}

// Formatting marks must touch a word on the inside and a non-word character (or the edge) outside.
const BOUNDARY_BEFORE = '(^|[^\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?=$|[^\\p{L}\\p{N}])';
function formatRule(mark: string, tag: string): [RegExp, string] {
  const m = mark === '*' ? '\\*' : mark;
  return [
    new RegExp(`${BOUNDARY_BEFORE}${m}([^${m}\\s](?:[^${m}\\n]*?[^${m}\\s])?)${m}${BOUNDARY_AFTER}`, 'gu'),
    `$1<${tag}>$2</${tag}>`,
  ];
}
const FORMAT_RULES = [formatRule('*', 'strong'), formatRule('_', 'em'), formatRule('~', 'del')];

/** Render Slack mrkdwn as HTML. */
export function mrkdwnToHtml(source: string, ctx: MrkdwnContext = {}): string {
  const slots: string[] = [];
  // A private-use character, stripped from the input first, marks where held-back HTML goes.
  const hold = (html: string): string => `\uE000${slots.push(html) - 1}\uE000`;
  let text = source.replace(/\uE000/g, '');

  text = text.replace(/```([\s\S]*?)```/g, (_m, code: string) => {
    const body = code.replace(/^\n/, '');
    return hold(`<pre class="code-block">${escapeText(body)}</pre>`);
  });
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => hold(`<code>${escapeText(code)}</code>`));
  text = text.replace(/<([^<>\n]+)>/g, (_m, inner: string) => hold(renderAngle(inner, ctx)));

  const lines = text.split('\n').map((line) => {
    const quote = /^(?:&gt;|>) ?(.*)$/.exec(line);
    let html = escapeText(quote ? (quote[1] ?? '') : line);
    for (const [re, replacement] of FORMAT_RULES) html = html.replace(re, replacement);
    html = replaceEmojiShortcodes(html);
    return quote ? `<blockquote>${html}</blockquote>` : html;
  });
  let html = lines.join('<br>').replace(/<\/blockquote><br><blockquote>/g, '<br>');
  // A code block already breaks the line: drop the <br> on either side so it is not doubled.
  html = html.replace(/<br>(\uE000\d+\uE000)/g, (m, slot: string) =>
    slots[Number(slot.slice(1, -1))]?.startsWith('<pre') ? slot : m,
  );
  html = html.replace(/(\uE000\d+\uE000)<br>/g, (m, slot: string) =>
    slots[Number(slot.slice(1, -1))]?.startsWith('<pre') ? slot : m,
  );
  return html.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => slots[Number(i)] ?? '');
}
