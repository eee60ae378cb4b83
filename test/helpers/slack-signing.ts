/* eslint-disable @typescript-eslint/no-explicit-any -- wire payloads from HTTP are untyped JSON by nature */
import { createHmac } from 'node:crypto';

/**
 * Signs requests exactly as Slack does (v0): HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing
 * secret, sent as `X-Slack-Signature: v0=<hex>` with `X-Slack-Request-Timestamp: <unix seconds>`.
 */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}

export interface SlashCommandFields {
  text: string;
  channel?: string;
  user?: string;
  responseUrl?: string;
  command?: string;
}

/** The form body Slack posts for a slash command. */
export function slashCommandBody(f: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: f.channel ?? 'C0OPS',
    channel_name: 'ops',
    user_id: f.user ?? 'U0ONCALL',
    user_name: 'oncall',
    command: f.command ?? '/gw502',
    text: f.text,
    api_app_id: 'A0GW502',
    is_enterprise_install: 'false',
    response_url: f.responseUrl ?? 'https://hooks.slack.com/commands/T0001/1/abc',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  }).toString();
}

export interface SentCommand {
  status: number;
  /** Parsed JSON answer (the ack), or the raw text when not JSON. */
  body: any;
  ms: number;
}

/** POST a signed slash command to a Bolt receiver (`…/slack/events`). */
export async function sendSlashCommand(
  eventsUrl: string,
  secret: string,
  fields: SlashCommandFields,
  opts: { timestamp?: number; signWith?: string } = {},
): Promise<SentCommand> {
  const body = slashCommandBody(fields);
  const started = performance.now();
  const res = await fetch(eventsUrl, {
    method: 'POST',
    headers: signedHeaders(opts.signWith ?? secret, body, opts.timestamp),
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : '';
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, ms };
}
