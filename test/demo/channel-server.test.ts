/* eslint-disable @typescript-eslint/no-explicit-any -- wire payloads from HTTP are untyped JSON by nature */
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelServer, PortInUseError } from '../../src/demo/channel-server.js';
import { freePort } from '../../src/demo/free-port.js';
import { createLogger } from '../../src/logger.js';

/**
 * The demo's Slack against a real Bolt app: Bolt verifies the signatures and parses the payloads, and its
 * WebClient calls the page's Web API, so a test passes only if both sides speak Slack's wire protocol.
 */
const secret = 'demo-test-signing-secret';
const token = 'xoxb-demo-test';
const logger = createLogger({ level: 'silent' });
let channel: ChannelServer;
let app: App;
const clicks: any[] = [];
const commands: any[] = [];

beforeAll(async () => {
  const appPort = await freePort();
  channel = new ChannelServer({
    port: 0,
    botToken: token,
    signingSecret: secret,
    eventsUrl: () => `http://127.0.0.1:${appPort}/slack/events`,
    startUser: 'U0ONCALL',
    logger,
  });
  await channel.start();
  app = new App({
    token,
    signingSecret: secret,
    port: appPort,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: channel.apiUrl },
  });
  app.command('/gw502', async ({ command, ack, client, respond }) => {
    commands.push(command);
    await ack({ response_type: 'ephemeral', text: `:mag: Diagnosing *${command.text}*…` });
    const posted = await client.chat.postMessage({
      channel: command.channel_id,
      text: 'result',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'in progress' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              value: 'ap-1',
              style: 'danger',
              text: { type: 'plain_text', text: 'Roll back' },
              confirm: {
                title: { type: 'plain_text', text: 'Roll back?' },
                text: { type: 'mrkdwn', text: 'Sure?' },
                confirm: { type: 'plain_text', text: 'Roll back' },
                deny: { type: 'plain_text', text: 'Cancel' },
              },
            },
          ],
        },
      ],
    });
    await client.chat.update({
      channel: command.channel_id,
      ts: posted.ts!,
      text: 'done',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Verdict' } },
        {
          type: 'actions',
          block_id: 'gw502-actions',
          elements: [
            {
              type: 'button',
              action_id: 'approve',
              value: 'ap-1',
              text: { type: 'plain_text', text: 'Roll back' },
            },
          ],
        },
      ],
    });
    await respond({ response_type: 'ephemeral', text: 'later, through response_url' });
  });
  app.action(
    { type: 'block_actions', action_id: 'approve' },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      clicks.push({ body, action });
      const user = (body as any).user.id as string;
      if (user !== 'U0ONCALL') {
        await client.chat.postEphemeral({
          channel: body.channel!.id,
          user,
          text: ':no_entry: not an approver',
        });
        return;
      }
      await respond({ replace_original: true, text: 'Approved', blocks: [] });
    },
  );
  await app.start();
});

afterAll(async () => {
  await app.stop();
  await channel.stop();
});

async function ui(path: string, body: unknown): Promise<any> {
  const res = await fetch(`${channel.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

async function until<T>(f: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Read the page's event stream until `stop` holds for the text so far. */
async function readEvents(user: string, stop: (text: string) => boolean): Promise<string> {
  const ctrl = new AbortController();
  const res = await fetch(`${channel.url}/events?user=${user}`, { signal: ctrl.signal });
  const reader = res.body!.getReader();
  let text = '';
  const timer = setTimeout(() => ctrl.abort(), 5000);
  try {
    while (!stop(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } catch {
    // aborted: return what came
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
  return text;
}

describe('the demo channel server with a real Bolt app', () => {
  let resultTs = '';

  it('sends a signed slash command Bolt accepts, with every field Slack sends', async () => {
    const outcome = await ui('/ui/command', { user: 'U0ONCALL', text: '/gw502 diagnose checkout shop' });
    expect(outcome).toEqual({ ok: true, status: 200 });
    const cmd = commands.at(-1);
    expect(cmd).toMatchObject({
      command: '/gw502',
      text: 'diagnose checkout shop',
      user_id: 'U0ONCALL',
      user_name: 'dana',
      channel_id: 'C0OPS',
      team_id: 'T0DEMO',
    });
    expect(cmd.response_url).toMatch(new RegExp(`^${channel.url}/response/`));
    expect(cmd.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
  });

  it('shows the ack to the typer only, and the bot post, update and response_url answer in order', async () => {
    const posted = await until(() => channel.store.all().find((m) => m.text === 'done'));
    resultTs = posted.ts;
    expect(posted.edited).toBe(true);
    expect(posted.blocks[0]).toMatchObject({ type: 'header' });
    // Slack gives a block_id to a block sent without one.
    const acks = channel.store.all().filter((m) => m.ephemeralTo === 'U0ONCALL');
    await until(() => channel.store.all().find((m) => m.text === 'later, through response_url'));
    expect(acks[0]?.text).toBe(':mag: Diagnosing *diagnose checkout shop*…');
    expect(acks[0]?.command).toBe('/gw502 diagnose checkout shop');
    const asDana = await readEvents('U0ONCALL', (t) => t.includes('later, through response_url'));
    expect(asDana).toContain('Only visible to you');
    expect(asDana).toContain('<strong>diagnose checkout shop</strong>');
    const asSam = await readEvents('U0DEV', (t) => t.includes('Verdict'));
    expect(asSam).toContain('Verdict');
    expect(asSam).not.toContain('Only visible to you');
  });

  it('turns a click into the block_actions payload Slack sends', async () => {
    const outcome = await ui('/ui/click', {
      user: 'U0DEV',
      ts: resultTs,
      blockId: 'gw502-actions',
      actionId: 'approve',
    });
    expect(outcome).toEqual({ ok: true, status: 200 });
    const { body, action } = clicks.at(-1);
    expect(body.type).toBe('block_actions');
    expect(body.user).toMatchObject({ id: 'U0DEV', username: 'sam' });
    expect(body.channel).toMatchObject({ id: 'C0OPS' });
    expect(body.container).toMatchObject({ type: 'message', message_ts: resultTs, channel_id: 'C0OPS' });
    expect(body.message.ts).toBe(resultTs);
    expect(body.message.blocks[1].block_id).toBe('gw502-actions');
    expect(body.response_url).toMatch(/\/response\//);
    expect(action).toMatchObject({
      type: 'button',
      action_id: 'approve',
      block_id: 'gw502-actions',
      value: 'ap-1',
    });
    // The refusal reaches the clicker alone.
    const refusal = await until(() =>
      channel.store.all().find((m) => m.text === ':no_entry: not an approver'),
    );
    expect(refusal.ephemeralTo).toBe('U0DEV');
  });

  it('lets the app replace the clicked message through the response_url', async () => {
    await ui('/ui/click', { user: 'U0ONCALL', ts: resultTs, blockId: 'gw502-actions', actionId: 'approve' });
    await until(() => (channel.store.get(resultTs)?.text === 'Approved' ? true : undefined));
  });

  it('refuses a click on a button the message does not have', async () => {
    const outcome = await ui('/ui/click', {
      user: 'U0ONCALL',
      ts: resultTs,
      blockId: 'x',
      actionId: 'forged',
    });
    expect(outcome).toEqual({ ok: false, error: 'action_not_found' });
  });

  it('answers an unknown command as Slack does, without calling the app', async () => {
    const before = commands.length;
    const outcome = await ui('/ui/command', { user: 'U0ONCALL', text: '/deploy prod' });
    expect(outcome).toEqual({ ok: false, error: 'unknown_command' });
    expect(commands.length).toBe(before);
    expect(channel.store.all().at(-1)).toMatchObject({ user: 'USLACKBOT', ephemeralTo: 'U0ONCALL' });
  });

  it('rejects Web API calls with a wrong token (invalid_auth) and bad blocks (invalid_blocks)', async () => {
    const call = async (tok: string, body: unknown) =>
      (
        await fetch(`${channel.apiUrl}chat.postMessage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json();
    expect(await call('xoxb-wrong', { channel: 'C0OPS', text: 'x' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    const tooLong = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };
    expect(await call(token, { channel: 'C0OPS', text: 'x', blocks: [tooLong] })).toEqual({
      ok: false,
      error: 'invalid_blocks',
    });
    expect(await call(token, { channel: 'C0ELSEWHERE', text: 'x' })).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
  });

  it('answers auth.test, users.info and usergroups.users.list through a real WebClient', async () => {
    const auth = await app.client.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: 'U0GW502', team_id: 'T0DEMO' });
    const info = await app.client.users.info({ user: 'U0DEV' });
    expect(info.user).toMatchObject({ id: 'U0DEV', real_name: 'Sam Rivera' });
    const group = await app.client.usergroups.users.list({ usergroup: 'S0SRE' });
    expect(group.users).toEqual(['U0LEAD']);
    await expect(app.client.users.info({ user: 'U0NOBODY' })).rejects.toThrow(/user_not_found/);
  });

  it('says plainly when the page port is taken', async () => {
    const other = new ChannelServer({
      port: Number(new URL(channel.url).port),
      botToken: token,
      signingSecret: secret,
      eventsUrl: () => 'http://127.0.0.1:1/slack/events',
      startUser: 'U0ONCALL',
      logger,
    });
    await expect(other.start()).rejects.toBeInstanceOf(PortInUseError);
    await expect(other.start()).rejects.toThrow(/already in use.*PORT=/);
  });
});
