import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { AppDispatcher } from './app-dispatcher.js';
import { channelPageHtml } from './channel-page.js';
import { ChannelStore, type ChannelEvent, type ChannelMessage } from './channel-store.js';
import { DEMO_USERS, demoUser } from './demo-users.js';
import { renderMessageHtml } from './render-message-html.js';
import { parseWebApiParams, SlackWebApi } from './slack-web-api.js';

/** The page's port is taken: said plainly, with what to do. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly port: number) {
    super(`port ${port} is already in use; stop what is using it or start the demo with PORT=<another port>`);
  }
}

export interface ChannelServerOptions {
  port: number;
  /** Defaults to 127.0.0.1: the demo is for this machine. */
  host?: string;
  botToken: string;
  signingSecret: string;
  /** The app's Request URL; known once the app listens, hence a function. */
  eventsUrl: () => string;
  startUser: string;
  logger: Logger;
}

const commandInput = z.object({ user: z.string(), text: z.string().max(4000) });
const clickInput = z.object({ user: z.string(), ts: z.string(), blockId: z.string(), actionId: z.string() });

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sseData(m: ChannelMessage): string {
  return JSON.stringify({ ts: m.ts, threadTs: m.threadTs ?? null, html: renderMessageHtml(m) });
}

/**
 * The demo's Slack: one HTTP server that is both the channel page a person uses (`/`, live updates on
 * `/events`, `/ui/*` for typing and clicking) and the Slack Web API plus response URLs the bot calls
 * (`/api/<method>`, `/response/<id>`).
 */
export class ChannelServer {
  readonly store = new ChannelStore();
  private readonly api: SlackWebApi;
  private readonly dispatcher: AppDispatcher;
  private readonly streams = new Set<ServerResponse>();
  private server: Server | undefined;
  private boundPort = 0;

  constructor(private readonly opts: ChannelServerOptions) {
    this.api = new SlackWebApi(this.store, opts.botToken);
    this.dispatcher = new AppDispatcher({
      store: this.store,
      signingSecret: opts.signingSecret,
      eventsUrl: opts.eventsUrl,
      publicBaseUrl: () => this.url,
    });
  }

  get url(): string {
    return `http://${this.opts.host ?? '127.0.0.1'}:${this.boundPort}`;
  }

  /** Web API base for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.opts.logger.warn({ err, url: req.url }, 'demo channel request failed');
        if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new PortInUseError(this.opts.port) : err),
      );
      server.listen(this.opts.port, this.opts.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.streams) s.end();
    this.streams.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/') {
      const start = demoUser(url.searchParams.get('user') ?? '')?.id ?? this.opts.startUser;
      send(res, 200, 'text/html; charset=utf-8', channelPageHtml({ users: DEMO_USERS, startUser: start }));
      return;
    }
    if (req.method === 'GET' && path === '/events')
      return this.events(res, url.searchParams.get('user') ?? '');
    if (req.method !== 'POST') return send(res, 404, 'text/plain', 'not found');
    const raw = await readBody(req);
    if (path.startsWith('/api/')) {
      const auth = req.headers.authorization;
      const params = parseWebApiParams(req.headers['content-type'] ?? '', raw);
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (params.token as string | undefined);
      const answer = this.api.call(path.slice('/api/'.length), params, token);
      return send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
    }
    if (path.startsWith('/response/')) {
      const answer = this.dispatcher.respond(path.slice('/response/'.length), raw);
      return send(res, answer.status, 'text/plain', answer.text);
    }
    if (path === '/ui/command' || path === '/ui/click') return this.ui(path, raw, res);
    send(res, 404, 'text/plain', 'not found');
  }

  private async ui(path: string, raw: string, res: ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return send(res, 400, 'application/json', '{"ok":false,"error":"invalid_json"}');
    }
    const parsed = path === '/ui/command' ? commandInput.safeParse(json) : clickInput.safeParse(json);
    const user = parsed.success ? demoUser(parsed.data.user) : undefined;
    if (!parsed.success || !user)
      return send(res, 400, 'application/json', '{"ok":false,"error":"bad_request"}');
    const d = parsed.data;
    const outcome =
      'text' in d
        ? await this.dispatcher.typed(user, d.text)
        : await this.dispatcher.click(user, d.ts, d.blockId, d.actionId);
    send(res, 200, 'application/json', JSON.stringify(outcome));
  }

  private events(res: ServerResponse, user: string): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const visible = (m: ChannelMessage) => m.ephemeralTo === undefined || m.ephemeralTo === user;
    res.write('retry: 1000\nevent: reset\ndata: {}\n\n');
    for (const m of this.store.visibleTo(user)) res.write(`event: message\ndata: ${sseData(m)}\n\n`);
    const unsubscribe = this.store.subscribe((e: ChannelEvent) => {
      if (!visible(e.message)) return;
      const data = e.kind === 'delete' ? JSON.stringify({ ts: e.message.ts }) : sseData(e.message);
      res.write(`event: ${e.kind === 'delete' ? 'delete' : 'message'}\ndata: ${data}\n\n`);
    });
    // Comments keep idle proxies and the browser from dropping a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    this.streams.add(res);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      this.streams.delete(res);
    });
  }
}
