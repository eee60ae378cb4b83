import type { SlackMessage } from '../blocks/check-message-limits.js';
import { clip } from '../blocks/mrkdwn.js';
import { formatAuditLine, type AuditEntry } from './audit-log.js';

/** `/gw502 history`: the remediation audit (requests, approvals, refusals, outcomes) below the diagnoses. */
export function withAuditSection(message: SlackMessage, entries: readonly AuditEntry[]): SlackMessage {
  if (entries.length === 0) return message;
  const lines = entries.slice(0, 15).map((e) => clip(formatAuditLine(e), 300));
  return {
    text: message.text,
    blocks: [
      ...message.blocks,
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '*Remediation audit* (newest first)' } },
      { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } },
    ],
  };
}
