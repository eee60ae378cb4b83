import { createHmac, randomBytes } from 'node:crypto';
import type { ChannelMessage } from './channel-store.js';
import { DEMO_BOT, DEMO_CHANNEL, DEMO_TEAM, type DemoUser } from './demo-users.js';

/**
 * The requests Slack sends an app, built and signed exactly as Slack does: form-encoded bodies, signed
 * with v0 HMAC-SHA256 over `v0:<timestamp>:<body>` (X-Slack-Signature, X-Slack-Request-Timestamp).
 */

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

export function signRequest(secret: string, body: string, now = Date.now()): SignedRequest {
  const timestamp = Math.floor(now / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
  };
}

/** Slack's trigger ids: `<digits>.<digits>.<hex>`; valid for 3 s, unique per interaction. */
export function triggerId(): string {
  const n = () => String(Math.floor(Math.random() * 1e12));
  return `${n()}.${n()}.${randomBytes(16).toString('hex')}`;
}

export function slashCommandBody(f: {
  command: string;
  text: string;
  user: DemoUser;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: 'demo-verification-token',
    team_id: DEMO_TEAM.id,
    team_domain: DEMO_TEAM.domain,
    channel_id: DEMO_CHANNEL.id,
    channel_name: DEMO_CHANNEL.name,
    user_id: f.user.id,
    user_name: f.user.name,
    command: f.command,
    text: f.text,
    api_app_id: DEMO_BOT.appId,
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

/** The `block_actions` payload of a button click, as Slack sends it (form field `payload`). */
export function blockActionsBody(f: {
  user: DemoUser;
  message: ChannelMessage;
  button: Record<string, unknown>;
  blockId: string;
  responseUrl: string;
  now?: number;
}): string {
  const actionTs = ((f.now ?? Date.now()) / 1000).toFixed(6);
  const { message: m } = f;
  const payload = {
    type: 'block_actions',
    user: { id: f.user.id, username: f.user.name, name: f.user.name, team_id: DEMO_TEAM.id },
    api_app_id: DEMO_BOT.appId,
    token: 'demo-verification-token',
    container: {
      type: 'message',
      message_ts: m.ts,
      channel_id: m.channel,
      is_ephemeral: m.ephemeralTo !== undefined,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    },
    trigger_id: triggerId(),
    team: { id: DEMO_TEAM.id, domain: DEMO_TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: m.channel, name: DEMO_CHANNEL.name },
    message: {
      type: 'message',
      subtype: 'bot_message',
      text: m.text,
      ts: m.ts,
      user: m.user,
      ...(m.botId ? { bot_id: m.botId } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      blocks: m.blocks,
    },
    state: { values: {} },
    response_url: f.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: f.button.action_id,
        block_id: f.blockId,
        text: f.button.text,
        ...(f.button.value !== undefined ? { value: f.button.value } : {}),
        ...(f.button.style !== undefined ? { style: f.button.style } : {}),
        action_ts: actionTs,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Find a button of a stored message by block_id and action_id (what a click names). */
export function findButton(
  message: ChannelMessage,
  blockId: string,
  actionId: string,
): Record<string, unknown> | undefined {
  for (const b of message.blocks) {
    if (typeof b !== 'object' || b === null) continue;
    const block = b as Record<string, unknown>;
    if (block.block_id !== blockId) continue;
    const candidates = Array.isArray(block.elements) ? [...(block.elements as unknown[])] : [];
    if (block.accessory) candidates.push(block.accessory);
    for (const el of candidates) {
      if (typeof el !== 'object' || el === null) continue;
      const e = el as Record<string, unknown>;
      if (e.type === 'button' && e.action_id === actionId) return e;
    }
  }
  return undefined;
}
