/** The channel page's stylesheet: Slack's layout and type scale, tuned for reading at 3 a.m. */
export const CHANNEL_PAGE_CSS = `
:root {
  --aubergine: #3f0e40; --aubergine-2: #350d36; --active: #1164a3; --text: #1d1c1d; --muted: #616061;
  --line: #dddddd; --bg: #ffffff; --hover: #f8f8f8; --code-bg: #f6f6f6; --code-line: #e2e2e2;
  --danger: #e01e5a; --primary: #007a5a; --link: #1264a3; --mention-bg: #e8f5fa; --eph: #f4f9fc;
  --font: Lato, 'Helvetica Neue', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif, 'Noto Color Emoji', 'Apple Color Emoji';
  --mono: Monaco, Menlo, Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono', monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font-family: var(--font); font-size: 15px; line-height: 1.4; color: var(--text); background: var(--bg);
  display: grid; grid-template-columns: 240px 1fr; }
aside { background: var(--aubergine); color: #cfc3cf; display: flex; flex-direction: column; min-height: 0; }
.workspace { color: #fff; font-weight: 900; font-size: 18px; padding: 14px 16px; border-bottom: 1px solid #5d3a5e; }
.workspace small { display: block; font-weight: 400; font-size: 12px; color: #cfc3cf; }
.side-title { padding: 16px 16px 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; opacity: .8; }
.side-item { display: block; padding: 4px 16px 4px 26px; color: #cfc3cf; font-size: 15px; cursor: pointer;
  background: none; border: 0; text-align: left; width: 100%; font-family: inherit; }
.side-item:hover { background: var(--aubergine-2); color: #fff; }
.side-item.active { background: var(--active); color: #fff; font-weight: 700; }
.side-item code { font-family: var(--mono); font-size: 12px; }
.side-foot { margin-top: auto; padding: 12px 16px; font-size: 12px; line-height: 1.4; opacity: .85; }
main { display: flex; flex-direction: column; min-height: 0; height: 100vh; }
header { display: flex; align-items: center; gap: 16px; padding: 8px 20px; border-bottom: 1px solid var(--line); }
header h1 { font-size: 18px; margin: 0; font-weight: 900; }
header .topic { color: var(--muted); font-size: 13px; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.picker { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); }
.picker select { font: inherit; font-size: 14px; color: var(--text); padding: 5px 8px; border: 1px solid #bbb;
  border-radius: 6px; background: #fff; max-width: 360px; }
#messages { flex: 1; overflow-y: auto; padding: 8px 0 16px; }
.empty { color: var(--muted); padding: 24px 20px; }
.message { display: grid; grid-template-columns: 36px 1fr; gap: 8px; padding: 8px 20px; }
.message:hover { background: var(--hover); }
.message.ephemeral { background: var(--eph); border-left: 3px solid #1d9bd1; }
.message.reply { margin-left: 44px; border-left: 2px solid var(--line); }
.avatar { width: 36px; height: 36px; border-radius: 6px; display: grid; place-items: center; font-weight: 900;
  font-size: 13px; color: #fff; }
.avatar-bot { background: linear-gradient(135deg, #e01e5a, #b0154a); letter-spacing: -.02em; }
.avatar-user { background: #2eb67d; }
.msg-main { min-width: 0; }
.msg-head { display: flex; align-items: baseline; gap: 6px; }
.author { font-weight: 900; }
.app-badge { font-size: 10px; font-weight: 700; color: var(--muted); background: #e8e8e8; padding: 0 4px; border-radius: 3px; }
.msg-time, .edited { font-size: 12px; color: var(--muted); }
.ephemeral-note { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
.invoked-command { font-family: var(--mono); font-size: 12px; color: var(--muted); }
.msg-body { overflow-wrap: anywhere; }
.bk-header { font-size: 18px; font-weight: 900; margin: 4px 0 6px; }
.bk-section { display: flex; gap: 12px; margin: 1px 0; }
.bk-section-body { flex: 1; min-width: 0; }
.bk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 20px; margin-top: 4px; }
.bk-context { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: 13px; color: var(--muted); margin: 6px 0; }
.bk-context code { font-size: 11px; }
.bk-divider { border: 0; border-top: 1px solid var(--line); margin: 6px 0; }
.bk-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 4px; }
.bk-button { font: inherit; font-size: 14px; font-weight: 700; padding: 6px 14px; min-height: 36px; border-radius: 6px;
  border: 1px solid #bbb; background: #fff; color: var(--text); cursor: pointer; }
.bk-button:hover { background: #f2f2f2; }
.bk-button-primary { background: var(--primary); border-color: var(--primary); color: #fff; }
.bk-button-primary:hover { background: #148567; }
.bk-button-danger { background: #fff; border-color: var(--danger); color: var(--danger); }
.bk-button-danger:hover { background: #fdf0f4; }
.bk-button[disabled] { opacity: .55; cursor: progress; }
.bk-unsupported { color: var(--muted); font-style: italic; font-size: 13px; }
.bk-image img { max-width: 360px; border-radius: 6px; }
code { font-family: var(--mono); font-size: 12px; color: #c01343; background: var(--code-bg);
  border: 1px solid var(--code-line); border-radius: 3px; padding: 1px 3px; }
pre.code-block { position: relative; font-family: var(--mono); font-size: 12px; line-height: 1.4; background: var(--code-bg);
  border: 1px solid var(--code-line); border-radius: 4px; padding: 4px 10px; margin: 1px 0 3px; white-space: pre-wrap;
  overflow-wrap: anywhere; max-height: 14em; overflow-y: auto; }
pre.code-block.clamped { max-height: calc(2.8em + 5px); padding-bottom: 0; overflow: hidden; padding-right: 150px; }
.more-lines { position: absolute; right: 4px; bottom: 3px; font-family: var(--font); font-size: 12px; color: var(--link);
  background: var(--code-bg); border: 1px solid var(--code-line); border-radius: 10px; padding: 0 8px; cursor: pointer; }
pre.code-block:not(.clamped) .more-lines { position: sticky; float: right; bottom: 0; }
.more-lines:hover { text-decoration: underline; }
blockquote { margin: 0; padding-left: 12px; border-left: 4px solid #ddd; }
a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
.mention { color: var(--link); background: var(--mention-bg); border-radius: 3px; padding: 0 2px; }
.composer { padding: 6px 20px 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 8px; }
.chip { font-family: var(--mono); font-size: 12px; padding: 3px 8px; border: 1px solid #ccc; border-radius: 12px;
  background: #fff; cursor: pointer; color: var(--text); }
.chip:hover { background: #f2f2f2; }
form.box { display: flex; gap: 8px; border: 1px solid #bbb; border-radius: 8px; padding: 8px; }
form.box:focus-within { border-color: #868686; box-shadow: 0 0 0 1px #868686; }
form.box input { flex: 1; font: inherit; border: 0; outline: none; padding: 6px; }
form.box button { font: inherit; font-weight: 700; background: var(--primary); color: #fff; border: 0; border-radius: 6px; padding: 0 14px; cursor: pointer; }
dialog { border: 0; border-radius: 10px; padding: 0; width: min(520px, 92vw); box-shadow: 0 18px 48px rgba(0,0,0,.35); }
dialog::backdrop { background: rgba(0,0,0,.45); }
dialog h2 { margin: 0; padding: 20px 24px 8px; font-size: 20px; font-weight: 900; }
dialog .dialog-text { padding: 4px 24px 16px; }
dialog .dialog-buttons { display: flex; justify-content: flex-end; gap: 8px; padding: 12px 24px 20px; }
dialog .dialog-buttons button { font: inherit; font-weight: 700; padding: 8px 16px; border-radius: 6px; cursor: pointer;
  border: 1px solid #bbb; background: #fff; }
dialog .dialog-buttons .confirm { background: var(--primary); border-color: var(--primary); color: #fff; }
dialog .dialog-buttons .confirm.danger { background: var(--danger); border-color: var(--danger); }
`;
