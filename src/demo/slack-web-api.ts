import { z } from 'zod';
import { checkMessageLimits } from '../blocks/check-message-limits.js';
import type { ChannelStore } from './channel-store.js';
import { DEMO_BOT, DEMO_CHANNEL, DEMO_TEAM, DEMO_USERGROUPS, DEMO_USERS } from './demo-users.js';

/**
 * The Slack Web API methods gw502 calls, answered from the demo channel: same URLs (`POST
 * /api/<method>`), same bodies (form or JSON, Bearer token), same `{ ok, … }` answers and error codes as
 * Slack, including `invalid_auth`, `channel_not_found` and `invalid_blocks` — so the bot runs its
 * production code path against it.
 */

export interface WebApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

const messageParams = z.object({
  channel: z.string().optional(),
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  thread_ts: z.string().optional(),
  ts: z.string().optional(),
  user: z.string().optional(),
});

/** Parse a request body as @slack/web-api sends it: form-encoded with JSON-encoded objects, or JSON. */
export function parseWebApiParams(contentType: string, raw: string): Record<string, unknown> {
  let params: Record<string, unknown>;
  if (contentType.includes('application/json')) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    params = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } else {
    params = Object.fromEntries(new URLSearchParams(raw));
  }
  for (const key of ['blocks', 'attachments', 'metadata']) {
    const v = params[key];
    if (typeof v === 'string') {
      try {
        params[key] = JSON.parse(v) as unknown;
      } catch {
        params[key] = 'invalid';
      }
    }
  }
  return params;
}

function ok(body: Record<string, unknown> = {}): WebApiAnswer {
  return { status: 200, body: { ok: true, ...body } };
}
function fail(error: string): WebApiAnswer {
  return { status: 200, body: { ok: false, error } };
}

export class SlackWebApi {
  constructor(
    private readonly store: ChannelStore,
    private readonly botToken: string,
  ) {}

  call(method: string, params: Record<string, unknown>, token: string | undefined): WebApiAnswer {
    if (token !== this.botToken) return fail(token ? 'invalid_auth' : 'not_authed');
    switch (method) {
      case 'auth.test':
        return ok({
          url: `https://${DEMO_TEAM.domain}.slack.com/`,
          team: DEMO_TEAM.name,
          user: DEMO_BOT.name,
          team_id: DEMO_TEAM.id,
          user_id: DEMO_BOT.userId,
          bot_id: DEMO_BOT.botId,
        });
      case 'chat.postMessage':
      case 'chat.update':
      case 'chat.postEphemeral':
        return this.message(method, params);
      case 'users.info': {
        const user = DEMO_USERS.find((u) => u.id === params.user);
        if (!user) return fail('user_not_found');
        return ok({
          user: {
            id: user.id,
            team_id: DEMO_TEAM.id,
            name: user.name,
            real_name: user.realName,
            is_bot: false,
            deleted: false,
            tz: 'UTC',
            profile: { real_name: user.realName, display_name: user.name, title: user.title },
          },
        });
      }
      case 'usergroups.users.list': {
        const users = DEMO_USERGROUPS[String(params.usergroup)];
        return users ? ok({ users: [...users] }) : fail('no_such_subteam');
      }
      case 'conversations.info':
        if (params.channel !== DEMO_CHANNEL.id) return fail('channel_not_found');
        return ok({
          channel: { id: DEMO_CHANNEL.id, name: DEMO_CHANNEL.name, is_channel: true, is_member: true },
        });
      default:
        return fail('unknown_method');
    }
  }

  private message(method: string, raw: Record<string, unknown>): WebApiAnswer {
    const parsed = messageParams.safeParse(raw);
    if (!parsed.success)
      return fail(raw.blocks === 'invalid' ? 'invalid_blocks_format' : 'invalid_arguments');
    const p = parsed.data;
    if (p.channel !== DEMO_CHANNEL.id) return fail('channel_not_found');
    const text = p.text ?? '';
    const blocks = p.blocks ?? [];
    if (blocks.length === 0 && text === '') return fail('no_text');
    if (blocks.length > 0 && checkMessageLimits({ text, blocks: blocks as never }).length > 0) {
      return fail('invalid_blocks');
    }
    if (method === 'chat.update') {
      const existing = p.ts ? this.store.get(p.ts) : undefined;
      if (!existing || existing.ephemeralTo !== undefined) return fail('message_not_found');
      if (existing.user !== DEMO_BOT.userId) return fail('cant_update_message');
      this.store.update(existing.ts, { text, blocks });
      return ok({ channel: p.channel, ts: existing.ts, text });
    }
    if (method === 'chat.postEphemeral') {
      if (!DEMO_USERS.some((u) => u.id === p.user)) return fail('user_not_in_channel');
      const m = this.store.post({
        channel: p.channel,
        user: DEMO_BOT.userId,
        botId: DEMO_BOT.botId,
        text,
        blocks,
        ephemeralTo: p.user!,
        ...(p.thread_ts ? { threadTs: p.thread_ts } : {}),
      });
      return ok({ message_ts: m.ts });
    }
    if (p.thread_ts !== undefined && !this.store.get(p.thread_ts)) return fail('thread_not_found');
    const m = this.store.post({
      channel: p.channel,
      user: DEMO_BOT.userId,
      botId: DEMO_BOT.botId,
      text,
      blocks,
      ...(p.thread_ts ? { threadTs: p.thread_ts } : {}),
    });
    return ok({
      channel: p.channel,
      ts: m.ts,
      message: { type: 'message', text, user: DEMO_BOT.userId, bot_id: DEMO_BOT.botId, ts: m.ts },
    });
  }
}
