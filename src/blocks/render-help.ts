import type { SlackMessage } from './check-message-limits.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

export const USAGE_LINES = [
  '`/gw502 diagnose <app> <namespace>` — run the 502 runbook against an app and post the result here',
  '`/gw502 diagnose-host <host> <service>` — the same for a service behind nginx/HAProxy on a host (needs `gw502 agent` there)',
  '`/gw502 history [<app> <namespace>]` — recent diagnoses and their verdicts',
  '`/gw502 help` — this message',
];

/** Help, optionally preceded by what was wrong with the input. Never echoes more than a line of it. */
export function renderHelpMessage(problem?: string): SlackMessage {
  const intro = problem ? `:warning: ${clip(escapeMrkdwn(problem), 500)}\n\n` : '';
  const body = `${intro}*gw502* diagnoses 502 Bad Gateway errors.\n${USAGE_LINES.map((l) => `• ${l}`).join('\n')}`;
  return {
    text: problem ? `${problem} — try /gw502 help` : 'gw502 usage',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }],
  };
}

/** A one-paragraph ephemeral answer (queued, joined, Redis down…). */
export function renderNotice(text: string): SlackMessage {
  return {
    text: clip(text.replace(/[*_`]/g, ''), 3000),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }],
  };
}
