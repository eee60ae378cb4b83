import type { ChannelMessage } from './channel-store.js';
import { DEMO_BOT, DEMO_CHANNEL, SLACKBOT_ID, demoUser } from './demo-users.js';
import { escapeHtml } from './mrkdwn-to-html.js';
import type { MrkdwnContext } from './mrkdwn-to-html.js';
import { renderBlocksHtml } from './render-blocks-html.js';

/** Names for mentions in the demo workspace. */
export const DEMO_MRKDWN_CONTEXT: MrkdwnContext = {
  userName: (id) => (id === DEMO_BOT.userId ? DEMO_BOT.name : demoUser(id)?.realName),
  channelName: (id) => (id === DEMO_CHANNEL.id ? DEMO_CHANNEL.name : undefined),
};

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

/** One message as the page shows it: avatar, author, time, "edited", ephemeral marker, then the blocks. */
export function renderMessageHtml(m: ChannelMessage): string {
  const isBot = m.user === DEMO_BOT.userId;
  const person = demoUser(m.user);
  const author = isBot ? DEMO_BOT.name : m.user === SLACKBOT_ID ? 'Slackbot' : (person?.realName ?? m.user);
  const avatar = isBot
    ? '<div class="avatar avatar-bot" aria-hidden="true">502</div>'
    : `<div class="avatar avatar-user" aria-hidden="true">${escapeHtml(initials(author))}</div>`;
  const seconds = Number(m.ts.split('.')[0]);
  const iso = new Date(seconds * 1000).toISOString();
  const head = [
    `<span class="author">${escapeHtml(author)}</span>`,
    isBot ? '<span class="app-badge">APP</span>' : '',
    `<time class="msg-time" datetime="${iso}" data-unix="${seconds}">${iso.slice(11, 19)}</time>`,
    m.edited ? '<span class="edited">(edited)</span>' : '',
  ].join('');
  const ephemeral =
    m.ephemeralTo !== undefined
      ? '<div class="ephemeral-note"><span aria-hidden="true">👁</span> Only visible to you</div>'
      : '';
  const command = m.command ? `<div class="invoked-command">${escapeHtml(m.command)}</div>` : '';
  const classes = ['message', m.ephemeralTo !== undefined ? 'ephemeral' : '', m.threadTs ? 'reply' : '']
    .filter(Boolean)
    .join(' ');
  return (
    `<article class="${classes}" id="m-${escapeHtml(m.ts.replace('.', '-'))}" data-ts="${escapeHtml(m.ts)}">` +
    avatar +
    `<div class="msg-main">${ephemeral}<div class="msg-head">${head}</div>${command}` +
    `<div class="msg-body">${renderBlocksHtml(m, DEMO_MRKDWN_CONTEXT)}</div></div></article>`
  );
}
