import { escapeHtml, mrkdwnToHtml, plainTextToHtml, type MrkdwnContext } from './mrkdwn-to-html.js';

/**
 * Block Kit → HTML for the demo channel page (no maintained renderer on the npm registry renders Block
 * Kit to HTML; the packages there build blocks). Covers what a bot message holds: header, section (text,
 * fields, button accessory), context, divider, image, actions with buttons and their confirm dialogs.
 * Blocks it does not know are shown as a visible placeholder rather than dropped, so nothing hides.
 * Buttons carry their message ts, block_id and action_id so a click can be turned back into the exact
 * element of the stored message: the page never sends values of its own.
 */

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A text object (`{type:'mrkdwn'|'plain_text', text}`) as HTML. */
export function textObjectHtml(obj: unknown, ctx: MrkdwnContext): string {
  if (!isObj(obj)) return '';
  const text = str(obj.text);
  if (obj.type === 'mrkdwn')
    return obj.verbatim === true ? plainTextToHtml(text, false) : mrkdwnToHtml(text, ctx);
  return plainTextToHtml(text, obj.emoji !== false);
}

/** What the page shows in the confirm dialog of a button. */
export interface ConfirmDialog {
  title: string;
  html: string;
  confirm: string;
  deny: string;
  style?: string;
}

export function confirmDialogOf(confirm: unknown, ctx: MrkdwnContext): ConfirmDialog | undefined {
  if (!isObj(confirm)) return undefined;
  const style = str(confirm.style);
  return {
    title: isObj(confirm.title) ? str(confirm.title.text) : 'Are you sure?',
    html: textObjectHtml(confirm.text, ctx),
    confirm: isObj(confirm.confirm) ? str(confirm.confirm.text) : 'Yes',
    deny: isObj(confirm.deny) ? str(confirm.deny.text) : 'Cancel',
    ...(style ? { style } : {}),
  };
}

interface Where {
  ts: string;
  blockId: string;
}

function buttonHtml(el: Json, where: Where, ctx: MrkdwnContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? ` bk-button-${el.style}` : '';
  const attrs = [
    `class="bk-button${style}"`,
    `type="button"`,
    `data-ts="${escapeHtml(where.ts)}"`,
    `data-block-id="${escapeHtml(where.blockId)}"`,
    `data-action-id="${escapeHtml(str(el.action_id))}"`,
  ];
  const dialog = confirmDialogOf(el.confirm, ctx);
  if (dialog) attrs.push(`data-confirm="${escapeHtml(JSON.stringify(dialog))}"`);
  const url = str(el.url);
  if (/^https?:/i.test(url)) attrs.push(`data-url="${escapeHtml(url)}"`);
  return `<button ${attrs.join(' ')}>${textObjectHtml(el.text, ctx)}</button>`;
}

function elementHtml(el: unknown, where: Where, ctx: MrkdwnContext): string {
  if (!isObj(el)) return '';
  if (el.type === 'button') return buttonHtml(el, where, ctx);
  if (el.type === 'image') {
    const url = str(el.image_url);
    if (!/^https?:/i.test(url)) return '';
    return `<img class="bk-image-inline" src="${escapeHtml(url)}" alt="${escapeHtml(str(el.alt_text))}">`;
  }
  if (el.type === 'mrkdwn' || el.type === 'plain_text') return `<span>${textObjectHtml(el, ctx)}</span>`;
  return `<span class="bk-unsupported">[${escapeHtml(str(el.type) || 'element')} not shown in the demo]</span>`;
}

function blockHtml(block: unknown, ts: string, ctx: MrkdwnContext): string {
  if (!isObj(block)) return '';
  const where: Where = { ts, blockId: str(block.block_id) };
  switch (block.type) {
    case 'header':
      return `<div class="bk-header">${textObjectHtml(block.text, ctx)}</div>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'section': {
      const parts: string[] = [];
      if (block.text) parts.push(`<div class="bk-text">${textObjectHtml(block.text, ctx)}</div>`);
      if (Array.isArray(block.fields) && block.fields.length > 0) {
        const fields = block.fields.map((f) => `<div class="bk-field">${textObjectHtml(f, ctx)}</div>`);
        parts.push(`<div class="bk-fields">${fields.join('')}</div>`);
      }
      const body = `<div class="bk-section-body">${parts.join('')}</div>`;
      const accessory = block.accessory
        ? `<div class="bk-accessory">${elementHtml(block.accessory, where, ctx)}</div>`
        : '';
      return `<div class="bk-section">${body}${accessory}</div>`;
    }
    case 'context': {
      const els = Array.isArray(block.elements) ? block.elements : [];
      return `<div class="bk-context">${els.map((e) => elementHtml(e, where, ctx)).join('')}</div>`;
    }
    case 'actions': {
      const els = Array.isArray(block.elements) ? block.elements : [];
      return `<div class="bk-actions">${els.map((e) => elementHtml(e, where, ctx)).join('')}</div>`;
    }
    case 'image': {
      const url = str(block.image_url);
      const title = isObj(block.title)
        ? `<div class="bk-image-title">${textObjectHtml(block.title, ctx)}</div>`
        : '';
      if (!/^https?:/i.test(url)) return title;
      return `<figure class="bk-image">${title}<img src="${escapeHtml(url)}" alt="${escapeHtml(str(block.alt_text))}"></figure>`;
    }
    default:
      return `<div class="bk-unsupported">[${escapeHtml(str(block.type) || 'unknown')} block not shown in the demo]</div>`;
  }
}

/**
 * A message's body: its blocks, or its fallback text as mrkdwn when it has none (what Slack does).
 */
export function renderBlocksHtml(
  message: { ts: string; text: string; blocks: readonly unknown[] },
  ctx: MrkdwnContext = {},
): string {
  if (message.blocks.length === 0) return `<div class="bk-text">${mrkdwnToHtml(message.text, ctx)}</div>`;
  return message.blocks.map((b) => blockHtml(b, message.ts, ctx)).join('');
}
