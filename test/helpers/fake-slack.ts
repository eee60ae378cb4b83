/* eslint-disable @typescript-eslint/no-explicit-any -- wire payloads from HTTP are untyped JSON by nature */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';

/**
 * A fake Slack Web API over real HTTP. It speaks the wire protocol @slack/web-api speaks (form or JSON
 * bodies on POST /api/<method>, Bearer token, `{ ok, … }` answers, 429 + Retry-After), keeps the messages
 * it was sent so tests can read the channel as a user would, and rejects blocks Slack would reject.
 */
export interface RecordedCall {
  method: string;
  params: Record<string, any>;
  token: string | undefined;
  at: number;
  /** What the fake answered (status and body). */
  status: number;
  answer: Record<string, any>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: any[];
  /** Every version, oldest first (postMessage, then each update). */
  history: { text: string; blocks: any[] }[];
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly responses: { id: string; body: any }[] = [];
  readonly ephemerals: { channel: string; user: string; text: string; blocks: any[] }[] = [];
  /** Channels the bot is a member of; others answer `not_in_channel`, unknown ids `channel_not_found`. */
  readonly memberOf = new Set<string>(['C0OPS', 'C0INCIDENT']);
  readonly notMemberOf = new Set<string>(['C0NOTJOINED']);
  readonly usergroups = new Map<string, string[]>();
  /** When set, calls with any other token answer `invalid_auth`. */
  expectedToken: string | undefined;
  private readonly failures: { method: string; failure: Failure; left: number }[] = [];
  private server: Server | undefined;
  private port = 0;
  private seq = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** The next `times` calls of `method` fail this way (429 with Retry-After, 5xx, or a Slack error code). */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.push({ method, failure, left: times });
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Poll until `predicate` holds (or throw after `timeoutMs`). */
  async waitFor<T>(
    predicate: () => T | undefined | false,
    timeoutMs = 10_000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`fake Slack: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/response/')) {
      this.responses.push({ id: url.pathname.slice('/response/'.length), body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = parseParams(req.headers['content-type'] ?? '', raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
    const call: RecordedCall = { method, params, token, at: Date.now(), status: 200, answer: {} };
    this.calls.push(call);

    const failure = this.takeFailure(method);
    if (failure && 'status' in failure) {
      call.status = failure.status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers);
      res.end(
        JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }),
      );
      return;
    }
    const answer = failure
      ? { ok: false, error: failure.error }
      : this.expectedToken && token !== this.expectedToken
        ? { ok: false, error: 'invalid_auth' }
        : this.answer(method, params);
    call.answer = answer;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  private takeFailure(method: string): Failure | undefined {
    const f = this.failures.find((x) => x.method === method && x.left > 0);
    if (!f) return undefined;
    f.left -= 1;
    return f.failure;
  }

  private channelProblem(channel: unknown): string | undefined {
    if (typeof channel !== 'string' || channel === '') return 'channel_not_found';
    if (this.notMemberOf.has(channel)) return 'not_in_channel';
    if (!this.memberOf.has(channel)) return 'channel_not_found';
    return undefined;
  }

  private answer(method: string, p: Record<string, any>): Record<string, any> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'gw502',
          team_id: 'T0001',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'chat.postMessage': {
        const problem = this.channelProblem(p.channel) ?? blocksProblem(p);
        if (problem) return { ok: false, error: problem };
        this.seq += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.seq).padStart(6, '0')}`;
        const msg = { text: String(p.text ?? ''), blocks: (p.blocks as any[]) ?? [] };
        this.messages.set(`${p.channel}/${ts}`, { channel: p.channel, ts, ...msg, history: [msg] });
        return {
          ok: true,
          channel: p.channel,
          ts,
          message: { type: 'message', text: msg.text, ts, bot_id: 'B0BOT' },
        };
      }
      case 'chat.update': {
        const stored = this.messages.get(`${p.channel}/${p.ts}`);
        if (!stored) return { ok: false, error: 'message_not_found' };
        const problem = blocksProblem(p);
        if (problem) return { ok: false, error: problem };
        const msg = { text: String(p.text ?? ''), blocks: (p.blocks as any[]) ?? [] };
        Object.assign(stored, msg);
        stored.history.push(msg);
        return { ok: true, channel: p.channel, ts: p.ts, text: msg.text };
      }
      case 'chat.postEphemeral': {
        const problem = this.channelProblem(p.channel) ?? blocksProblem(p);
        if (problem) return { ok: false, error: problem };
        this.ephemerals.push({
          channel: p.channel,
          user: p.user,
          text: String(p.text ?? ''),
          blocks: p.blocks ?? [],
        });
        return { ok: true, message_ts: `${Math.floor(Date.now() / 1000)}.999999` };
      }
      case 'usergroups.users.list': {
        const users = this.usergroups.get(String(p.usergroup));
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'conversations.info': {
        const problem = this.channelProblem(p.channel);
        if (problem === 'channel_not_found') return { ok: false, error: problem };
        return {
          ok: true,
          channel: { id: p.channel, name: String(p.channel).toLowerCase(), is_member: !problem },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** Messages in a channel, oldest first. */
  channelMessages(channel: string): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel === channel)
      .sort((a, b) => a.ts.localeCompare(b.ts));
  }
}

function parseParams(contentType: string, raw: string): Record<string, any> {
  let params: Record<string, any>;
  if (contentType.includes('application/json')) params = raw ? (JSON.parse(raw) as Record<string, any>) : {};
  else params = Object.fromEntries(new URLSearchParams(raw));
  // WebClient form-encodes objects (blocks, metadata) as JSON strings, like Slack expects.
  for (const key of ['blocks', 'attachments', 'metadata']) {
    if (typeof params[key] === 'string') {
      try {
        params[key] = JSON.parse(params[key]);
      } catch {
        params[key] = 'invalid';
      }
    }
  }
  return params;
}

function blocksProblem(p: Record<string, any>): string | undefined {
  if (p.blocks === undefined) return p.text ? undefined : 'no_text';
  if (!Array.isArray(p.blocks)) return 'invalid_blocks_format';
  return checkMessageLimits({ text: String(p.text ?? ''), blocks: p.blocks }).length > 0
    ? 'invalid_blocks'
    : undefined;
}
