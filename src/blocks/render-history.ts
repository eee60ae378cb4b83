import type { KnownBlock } from '@slack/types';
import type { HistoryEntry } from '../queue/history-store.js';
import { causeEmoji } from './cause-labels.js';
import type { SlackMessage } from './check-message-limits.js';
import { clip, escapeMrkdwn, formatDuration } from './mrkdwn.js';

function when(iso: string): string {
  const unix = Math.floor(Date.parse(iso) / 1000);
  return Number.isFinite(unix) ? `<!date^${unix}^{date_short_pretty} {time}|${iso}>` : iso;
}

/** `/gw502 history`: most recent diagnoses first, one line each, linking to the result message. */
export function renderHistoryMessage(
  entries: readonly HistoryEntry[],
  filter?: { app: string; namespace: string },
): SlackMessage {
  const scope = filter ? `${filter.app} in ${filter.namespace}` : 'all apps';
  if (entries.length === 0) {
    const text = `No finished diagnoses recorded for ${scope} yet (history keeps the last 30 days).`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
  }
  const lines = entries.slice(0, 20).map((e) => {
    const link =
      e.channel && e.ts ? ` <https://slack.com/archives/${e.channel}/p${e.ts.replace('.', '')}|result>` : '';
    return clip(
      `${causeEmoji(e.cause)} *${escapeMrkdwn(e.app)}* in ${escapeMrkdwn(e.namespace)}: \`${e.cause}\` (${e.confidence}) — ${when(e.finishedAt)}, ${formatDuration(e.durationMs)}${link}\n      ${escapeMrkdwn(clip(e.summary, 140))}`,
      400,
    );
  });
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Recent diagnoses — ${escapeMrkdwn(scope)}*` } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } },
  ];
  return { text: `Recent diagnoses for ${scope}`, blocks };
}
