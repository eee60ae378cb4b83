import { ErrorCode, WebClient, type WebAPICallError } from '@slack/web-api';
import type { SlackMessage } from '../blocks/check-message-limits.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';

/** A Slack platform error code (`not_in_channel`, `channel_not_found`, …) or a transport failure. */
export class SlackPostError extends Error {
  override name = 'SlackPostError';
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  /** The bot cannot write to that channel: tell the requester instead of retrying. */
  get isChannelAccess(): boolean {
    return ['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action'].includes(this.code);
  }
}

export interface SlackPosterOptions {
  token: string;
  /** Web API base (SLACK_API_URL); tests point it at the fake Slack. */
  apiUrl: string;
  logger: Logger;
  metrics?: Metrics;
  /**
   * Retries of 5xx / network errors. 429s are retried by WebClient after the Retry-After it was given.
   * Five retries over ~30 s: long enough to ride out a Slack blip, short enough for a job's time budget.
   */
  retries?: { retries: number; factor: number; minTimeout: number; maxTimeout: number };
}

function toPostError(method: string, err: unknown): SlackPostError {
  const e = err as WebAPICallError & { data?: { error?: string } };
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown_error';
    return new SlackPostError(method, code, `Slack ${method}: ${code}`);
  }
  if (e.code === ErrorCode.HTTPError)
    return new SlackPostError(method, 'http_error', `Slack ${method}: ${e.message}`);
  if (e.code === ErrorCode.RateLimitedError)
    return new SlackPostError(method, 'ratelimited', `Slack ${method}: rate limited`);
  return new SlackPostError(
    method,
    'request_error',
    `Slack ${method}: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/**
 * The one module that talks to Slack's Web API (and to response_url webhooks). Everything else hands it a
 * rendered message; retries, rate limits and error classification live here.
 */
export class SlackPoster {
  readonly client: WebClient;
  private readonly logger: Logger;
  private readonly metrics: Metrics | undefined;

  constructor(opts: SlackPosterOptions) {
    this.client = new WebClient(opts.token, {
      slackApiUrl: opts.apiUrl,
      retryConfig: opts.retries ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 10_000 },
      rejectRateLimitedCalls: false,
      timeout: 10_000,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (...m: unknown[]) =>
          opts.logger.debug({ slack: m.map(String).join(' ') }, 'slack web api warning'),
        error: (...m: unknown[]) =>
          opts.logger.warn({ slack: m.map(String).join(' ') }, 'slack web api error'),
        setLevel: () => undefined,
        getLevel: () => 'warn' as never,
        setName: () => undefined,
      },
    });
    this.logger = opts.logger;
    this.metrics = opts.metrics;
  }

  private async call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = toPostError(method, err);
      this.metrics?.slackApiErrors.inc({ method, error: e.code });
      this.logger.warn({ method, code: e.code }, e.message);
      throw e;
    }
  }

  /** Post to a channel; returns the message ts (the handle for later updates). */
  async postMessage(channel: string, message: SlackMessage): Promise<{ channel: string; ts: string }> {
    const res = await this.call('chat.postMessage', () =>
      this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      }),
    );
    if (!res.ts)
      throw new SlackPostError('chat.postMessage', 'no_ts', 'Slack chat.postMessage: answer without ts');
    return { channel: res.channel ?? channel, ts: res.ts };
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.call('chat.update', () =>
      this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
    );
  }

  async postEphemeral(channel: string, user: string, message: SlackMessage): Promise<void> {
    await this.call('chat.postEphemeral', () =>
      this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks }),
    );
  }

  /**
   * Answer through a slash command's response_url (works where the bot is not a member). Ephemeral by
   * default; retried once on 5xx because it is the last way to reach the user.
   */
  async respond(
    responseUrl: string,
    message: SlackMessage,
    opts: { inChannel?: boolean } = {},
  ): Promise<void> {
    const body = JSON.stringify({
      response_type: opts.inChannel ? 'in_channel' : 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    await this.call('response_url', async () => {
      for (let attempt = 1; ; attempt += 1) {
        const res = await fetch(responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (res.ok) return;
        if (res.status < 500 || attempt >= 2) {
          throw Object.assign(new Error(`response_url answered ${res.status}`), {
            code: ErrorCode.HTTPError,
          });
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    });
  }
}
