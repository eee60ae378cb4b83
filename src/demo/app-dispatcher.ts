import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChannelStore } from './channel-store.js';
import { DEMO_BOT, DEMO_CHANNEL, DEMO_TEAM, SLACKBOT_ID, type DemoUser } from './demo-users.js';
import { blockActionsBody, findButton, signRequest, slashCommandBody } from './slack-requests.js';

/**
 * What Slack does between a person and an app: turns what the person types or clicks into a signed
 * request to the app's Request URL, waits up to 3 s for the acknowledgement, shows it, and accepts the
 * app's later answers on the interaction's response_url.
 */

/** Slack waits this long for an app to acknowledge, then tells the user the app did not respond. */
export const ACK_TIMEOUT_MS = 3000;
/** A response_url takes up to 5 answers within 30 minutes. */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

export const KNOWN_COMMANDS = ['/gw502'] as const;

interface ResponseTarget {
  user: string;
  /** The message a button was clicked on (actions may replace or delete it). */
  messageTs?: string;
  command?: string;
  uses: number;
  expires: number;
}

const responseBody = z.object({
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
  replace_original: z.boolean().optional(),
  delete_original: z.boolean().optional(),
  thread_ts: z.string().optional(),
});

export type DispatchOutcome = { ok: true; status: number } | { ok: false; error: string };

export interface AppDispatcherOptions {
  store: ChannelStore;
  signingSecret: string;
  /** The app's Request URL (`http://127.0.0.1:<port>/slack/events`). */
  eventsUrl: () => string;
  /** Base of response URLs (`http://127.0.0.1:<page port>`). */
  publicBaseUrl: () => string;
}

export class AppDispatcher {
  private readonly responses = new Map<string, ResponseTarget>();

  constructor(private readonly opts: AppDispatcherOptions) {}

  private newResponseUrl(target: Omit<ResponseTarget, 'uses' | 'expires'>): string {
    const id = `${DEMO_TEAM.id}/${Date.now()}/${randomBytes(12).toString('hex')}`;
    this.responses.set(id, { ...target, uses: 0, expires: Date.now() + RESPONSE_URL_TTL_MS });
    return `${this.opts.publicBaseUrl()}/response/${id}`;
  }

  private slackbotSays(user: string, text: string, command?: string): void {
    this.opts.store.post({
      channel: DEMO_CHANNEL.id,
      user: SLACKBOT_ID,
      text,
      blocks: [],
      ephemeralTo: user,
      ...(command ? { command } : {}),
    });
  }

  private async send(body: string): Promise<{ status: number; text: string } | { error: string }> {
    const req = signRequest(this.opts.signingSecret, body);
    try {
      const res = await fetch(this.opts.eventsUrl(), {
        method: 'POST',
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      return { status: res.status, text: await res.text() };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      return { error: name === 'TimeoutError' ? 'operation_timeout' : 'dispatch_failed' };
    }
  }

  /** A line typed in the message box: a slash command goes to the app, anything else is a message. */
  async typed(user: DemoUser, input: string): Promise<DispatchOutcome> {
    const line = input.trim();
    if (line === '') return { ok: false, error: 'no_text' };
    if (!line.startsWith('/')) {
      this.opts.store.post({ channel: DEMO_CHANNEL.id, user: user.id, text: line, blocks: [] });
      return { ok: true, status: 200 };
    }
    const [command = ''] = line.split(/\s+/);
    const text = line.slice(command.length).trim();
    if (!(KNOWN_COMMANDS as readonly string[]).includes(command)) {
      this.slackbotSays(user.id, `\`${command}\` is not a valid command. Try \`/gw502 help\`.`, line);
      return { ok: false, error: 'unknown_command' };
    }
    const responseUrl = this.newResponseUrl({ user: user.id, command: line });
    const answer = await this.send(slashCommandBody({ command, text, user, responseUrl }));
    if ('error' in answer || answer.status !== 200) {
      const error = 'error' in answer ? answer.error : `http_${answer.status}`;
      this.slackbotSays(user.id, `\`${command}\` failed with the error "${error}"`, line);
      return { ok: false, error };
    }
    if (answer.text.trim() !== '') this.showAck(user.id, line, answer.text);
    return { ok: true, status: answer.status };
  }

  /** The immediate answer to a slash command (the body of the app's ack). */
  private showAck(user: string, command: string, raw: string): void {
    let parsed: z.infer<typeof responseBody>;
    try {
      const r = responseBody.safeParse(JSON.parse(raw));
      parsed = r.success ? r.data : { text: raw };
    } catch {
      parsed = { text: raw };
    }
    this.post(user, parsed, command);
  }

  private post(user: string, body: z.infer<typeof responseBody>, command?: string): void {
    const inChannel = body.response_type === 'in_channel';
    this.opts.store.post({
      channel: DEMO_CHANNEL.id,
      user: DEMO_BOT.userId,
      botId: DEMO_BOT.botId,
      text: body.text ?? '',
      blocks: body.blocks ?? [],
      ...(inChannel ? {} : { ephemeralTo: user }),
      ...(command && !inChannel ? { command } : {}),
      ...(body.thread_ts ? { threadTs: body.thread_ts } : {}),
    });
  }

  /** A button click on a message the user can see, sent as Slack's block_actions payload. */
  async click(user: DemoUser, ts: string, blockId: string, actionId: string): Promise<DispatchOutcome> {
    const message = this.opts.store.get(ts);
    if (!message || (message.ephemeralTo !== undefined && message.ephemeralTo !== user.id)) {
      return { ok: false, error: 'message_not_found' };
    }
    const button = findButton(message, blockId, actionId);
    if (!button) return { ok: false, error: 'action_not_found' };
    const responseUrl = this.newResponseUrl({ user: user.id, messageTs: ts });
    const answer = await this.send(blockActionsBody({ user, message, button, blockId, responseUrl }));
    if ('error' in answer || answer.status !== 200) {
      const error = 'error' in answer ? answer.error : `http_${answer.status}`;
      this.slackbotSays(user.id, `:warning: The app did not respond to your click (${error}).`);
      return { ok: false, error };
    }
    return { ok: true, status: answer.status };
  }

  /** `POST /response/<id>`: the app answering an interaction later. Returns the HTTP status to send. */
  respond(id: string, raw: string): { status: number; text: string } {
    const target = this.responses.get(id);
    if (!target || target.expires < Date.now()) return { status: 404, text: 'expired_url' };
    if (target.uses >= RESPONSE_URL_USES) return { status: 404, text: 'used_url' };
    let body: z.infer<typeof responseBody>;
    try {
      const r = responseBody.safeParse(JSON.parse(raw));
      if (!r.success) return { status: 400, text: 'invalid_payload' };
      body = r.data;
    } catch {
      return { status: 400, text: 'invalid_payload' };
    }
    target.uses += 1;
    const original = target.messageTs ? this.opts.store.get(target.messageTs) : undefined;
    if (body.delete_original && original) {
      this.opts.store.delete(original.ts);
    } else if (body.replace_original && original) {
      this.opts.store.update(original.ts, { text: body.text ?? '', blocks: body.blocks ?? [] });
    } else {
      if (!body.text && !body.blocks?.length) return { status: 400, text: 'no_text' };
      this.post(target.user, body, target.command);
    }
    return { status: 200, text: 'ok' };
  }
}
