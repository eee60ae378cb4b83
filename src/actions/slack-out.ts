import type { SlackMessage } from '../blocks/check-message-limits.js';
import type { SlackPoster } from '../slack/slack-poster.js';

/** What remediation needs from Slack. `SlackPoster` is the one implementation (see `slackOutOf`). */
export interface SlackOut {
  postMessage(channel: string, message: SlackMessage): Promise<{ channel: string; ts: string }>;
  /** A reply in the thread under `threadTs`. */
  reply(channel: string, threadTs: string, message: SlackMessage): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** Visible to `user` alone. */
  postEphemeral(channel: string, user: string, message: SlackMessage): Promise<void>;
}

/** Adapts the shared poster; thread replies go through its WebClient (same retries, same Slack URL). */
export function slackOutOf(poster: SlackPoster): SlackOut {
  return {
    postMessage: (channel, message) => poster.postMessage(channel, message),
    update: (channel, ts, message) => poster.update(channel, ts, message),
    postEphemeral: (channel, user, message) => poster.postEphemeral(channel, user, message),
    async reply(channel, threadTs, message) {
      const res = await poster.client.chat.postMessage({
        channel,
        thread_ts: threadTs,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
      return { channel: res.channel ?? channel, ts: res.ts ?? '' };
    },
  };
}

/** A plain text message (fallback text and one mrkdwn section). */
export function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }] };
}
