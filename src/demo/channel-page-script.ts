/**
 * The channel page's browser script (plain ES2020, no build step): a live view fed by Server-Sent
 * Events, the message box, the user picker, and buttons with their confirm dialogs. Messages arrive
 * already rendered (and escaped) by the server, so the script only places them.
 */
export const CHANNEL_PAGE_SCRIPT = `
'use strict';
const boot = JSON.parse(document.getElementById('boot').textContent);
const list = document.getElementById('messages');
const picker = document.getElementById('user');
const form = document.getElementById('composer');
const input = document.getElementById('text');
const dialog = document.getElementById('confirm');
let user = boot.startUser;
let stream = null;

function domId(ts) { return 'm-' + ts.replace('.', '-'); }
function nearBottom() { return list.scrollHeight - list.scrollTop - list.clientHeight < 160; }

function localizeTimes(root) {
  for (const t of root.querySelectorAll('time[data-unix]')) {
    const d = new Date(Number(t.dataset.unix) * 1000);
    t.title = d.toString();
    t.textContent = t.classList.contains('msg-time')
      ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
      : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
  }
}

// Long evidence is folded to its first lines, like Slack folds long messages: the verdict, the failing
// checks and the buttons stay on one screen; a click unfolds a block.
function foldCodeBlocks(root) {
  for (const pre of root.querySelectorAll('pre.code-block')) {
    const lines = pre.textContent.split('\\n').length;
    if (lines <= 2) continue;
    pre.classList.add('clamped');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'more-lines';
    toggle.textContent = 'Show ' + (lines - 2) + ' more line' + (lines - 2 === 1 ? '' : 's');
    toggle.addEventListener('click', () => {
      const folded = pre.classList.toggle('clamped');
      toggle.textContent = folded ? 'Show ' + (lines - 2) + ' more line' + (lines - 2 === 1 ? '' : 's') : 'Show less';
    });
    pre.appendChild(toggle);
  }
}

function threadOf(parentTs) {
  const id = 't-' + parentTs.replace('.', '-');
  let box = document.getElementById(id);
  if (!box) {
    const parent = document.getElementById(domId(parentTs));
    box = document.createElement('div');
    box.id = id;
    box.className = 'thread';
    if (parent) parent.after(box); else list.appendChild(box);
  }
  return box;
}

function upsert(data) {
  const stick = nearBottom();
  const tpl = document.createElement('template');
  tpl.innerHTML = data.html;
  const fresh = tpl.content.firstElementChild;
  localizeTimes(fresh);
  foldCodeBlocks(fresh);
  const old = document.getElementById(domId(data.ts));
  if (old) old.replaceWith(fresh);
  else if (data.threadTs) threadOf(data.threadTs).appendChild(fresh);
  else list.appendChild(fresh);
  const empty = list.querySelector('.empty');
  if (empty) empty.remove();
  if (stick) list.scrollTop = list.scrollHeight;
}

function connect() {
  if (stream) stream.close();
  // What the previous user saw (their ephemerals) must not linger while the new stream connects.
  list.innerHTML = '';
  delete list.dataset.user;
  stream = new EventSource('/events?user=' + encodeURIComponent(user));
  stream.addEventListener('reset', () => {
    list.dataset.user = user;
    list.innerHTML = '<div class="empty">No messages yet. Type a command below — try <b>/gw502 diagnose checkout shop</b>.</div>';
  });
  stream.addEventListener('message', (e) => upsert(JSON.parse(e.data)));
  stream.addEventListener('delete', (e) => {
    const el = document.getElementById(domId(JSON.parse(e.data).ts));
    if (el) el.remove();
  });
}

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  await post('/ui/command', { user, text });
});

for (const chip of document.querySelectorAll('[data-fill]')) {
  chip.addEventListener('click', () => { input.value = chip.dataset.fill; input.focus(); });
}

picker.addEventListener('change', () => {
  user = picker.value;
  const url = new URL(location.href);
  url.searchParams.set('user', user);
  history.replaceState(null, '', url);
  connect();
});

function ask(confirm) {
  return new Promise((resolve) => {
    dialog.querySelector('h2').textContent = confirm.title;
    dialog.querySelector('.dialog-text').innerHTML = confirm.html;
    localizeTimes(dialog);
    const yes = dialog.querySelector('.confirm');
    const no = dialog.querySelector('.deny');
    yes.textContent = confirm.confirm;
    yes.classList.toggle('danger', confirm.style === 'danger');
    no.textContent = confirm.deny;
    const done = (answer) => { yes.onclick = null; no.onclick = null; dialog.onclose = null; dialog.close(); resolve(answer); };
    yes.onclick = () => done(true);
    no.onclick = () => done(false);
    dialog.onclose = () => resolve(false);
    dialog.showModal();
    no.focus();
  });
}

list.addEventListener('click', async (e) => {
  const button = e.target.closest('button.bk-button');
  if (!button || button.disabled) return;
  if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
  if (button.dataset.confirm && !(await ask(JSON.parse(button.dataset.confirm)))) return;
  button.disabled = true;
  try {
    await post('/ui/click', { user, ts: button.dataset.ts, blockId: button.dataset.blockId, actionId: button.dataset.actionId });
  } finally {
    setTimeout(() => { button.disabled = false; }, 1500);
  }
});

connect();
input.focus();
`;
