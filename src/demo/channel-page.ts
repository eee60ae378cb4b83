import { CHANNEL_PAGE_SCRIPT } from './channel-page-script.js';
import { CHANNEL_PAGE_CSS } from './channel-page-style.js';
import { DEMO_CHANNEL, DEMO_TEAM, type DemoUser } from './demo-users.js';
import { escapeHtml } from './mrkdwn-to-html.js';

/** The apps of the demo shop, each broken its own way (the sidebar's one-click commands). */
export const DEMO_APPS: readonly { app: string; hint: string }[] = [
  { app: 'checkout', hint: 'bad rollout' },
  { app: 'cart', hint: 'OOM-killed' },
  { app: 'search', hint: 'NetworkPolicy' },
  { app: 'payments', hint: 'wrong targetPort' },
  { app: 'catalog', hint: 'healthy' },
];

/** JSON inside a <script> element: `<` escaped so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The whole channel page: sidebar, channel header with the user picker, messages, message box, dialog. */
export function channelPageHtml(opts: {
  users: readonly DemoUser[];
  startUser: string;
  namespace?: string;
}): string {
  const ns = opts.namespace ?? 'shop';
  const options = opts.users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.id)}"${u.id === opts.startUser ? ' selected' : ''}>${escapeHtml(
          `${u.realName} — ${u.title}`,
        )}</option>`,
    )
    .join('');
  const apps = DEMO_APPS.map(
    (a) =>
      `<button class="side-item" data-fill="/gw502 diagnose ${a.app} ${ns}" title="${escapeHtml(a.hint)}">` +
      `<code>${a.app}</code> <small>· ${escapeHtml(a.hint)}</small></button>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>#${DEMO_CHANNEL.name} · gw502 demo</title>
<style>${CHANNEL_PAGE_CSS}</style>
</head>
<body>
<aside>
  <div class="workspace">${escapeHtml(DEMO_TEAM.name)}<small>gw502 on a simulated cluster</small></div>
  <div class="side-title">Channels</div>
  <div class="side-item active"># ${DEMO_CHANNEL.name}</div>
  <div class="side-title">Commands</div>
  <button class="side-item" data-fill="/gw502 help"><code>/gw502 help</code></button>
  <button class="side-item" data-fill="/gw502 history"><code>/gw502 history</code></button>
  <div class="side-title">Apps in <code>${escapeHtml(ns)}</code></div>
  ${apps}
  <div class="side-foot">Nothing here talks to Slack: this page is the Slack API the bot uses, and the cluster is simulated.</div>
</aside>
<main>
  <header>
    <h1># ${DEMO_CHANNEL.name}</h1>
    <div class="topic">502s? Ask <b>/gw502 diagnose &lt;app&gt; &lt;namespace&gt;</b></div>
    <label class="picker">Acting as <select id="user" aria-label="Acting as">${options}</select></label>
  </header>
  <section id="messages" aria-live="polite"></section>
  <div class="composer">
    <form id="composer" class="box" autocomplete="off">
      <input id="text" name="text" aria-label="Message #${DEMO_CHANNEL.name}" placeholder="Message #${DEMO_CHANNEL.name} — try /gw502 diagnose checkout shop">
      <button type="submit">Send</button>
    </form>
  </div>
</main>
<dialog id="confirm"><h2></h2><div class="dialog-text"></div>
  <div class="dialog-buttons"><button type="button" class="deny">Cancel</button><button type="button" class="confirm">Confirm</button></div>
</dialog>
<script type="application/json" id="boot">${scriptJson({ startUser: opts.startUser })}</script>
<script>${CHANNEL_PAGE_SCRIPT}</script>
</body>
</html>`;
}
