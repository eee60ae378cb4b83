import type { ActionsBlockElement, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { CheckResult, DiagnosisReport, SuggestedAction } from '../diagnosis/report.js';
import { CAUSE_TITLE, STATUS_EMOJI, causeEmoji } from './cause-labels.js';
import type { SlackMessage } from './check-message-limits.js';
import { clip, codeBlock, escapeMrkdwn, formatDuration } from './mrkdwn.js';

export interface RenderReportOptions {
  jobId?: string;
  /** Who asked, shown in the footer (`U0123` → a mention). */
  requestedBy?: string;
  /**
   * Interactive elements for the suggested actions (the approval buttons). When given they are placed in
   * one actions block with block_id `gw502-actions`; without them the actions are listed as text.
   */
  actionElements?: ActionsBlockElement[];
  /** Extra lines placed above the footer (e.g. "Approved by @x: rolled back"). */
  notes?: string[];
}

/** How many problem checks get their own section; the rest are named in one line. */
const MAX_DETAILED_CHECKS = 12;
/** Evidence is for orientation, not a log viewer: a few lines per check, whole message well under limits. */
const EVIDENCE = { maxLines: 12, lineChars: 240, maxChars: 1800 };
const TOTAL_EVIDENCE_CHARS = 14_000;

export const ACTIONS_BLOCK_ID = 'gw502-actions';

export function describeAction(a: SuggestedAction): string {
  const target = `\`${a.target}\`${a.namespace ? ` in \`${a.namespace}\`` : ''}`;
  const what =
    a.kind === 'restart-proxy'
      ? `Restart proxy ${target}`
      : a.kind === 'helm-rollback'
        ? `Helm rollback ${a.release ? `\`${a.release}\`` : target}${a.toRevision ? ` to revision ${a.toRevision}` : ''}`
        : `Roll back ${target}${a.toRevision ? ` to revision ${a.toRevision}` : ''}`;
  return a.reason ? `${what} — ${escapeMrkdwn(a.reason)}` : what;
}

function checkSection(check: CheckResult, evidenceBudget: number): SectionBlock {
  const title = `${STATUS_EMOJI[check.status]} *${escapeMrkdwn(check.id)}* — ${escapeMrkdwn(check.summary)}`;
  const head = clip(title, 600);
  const maxChars = Math.min(EVIDENCE.maxChars, Math.max(0, evidenceBudget));
  const evidence =
    check.evidence.length > 0 && maxChars > 200
      ? `\n${codeBlock(check.evidence, { ...EVIDENCE, maxChars })}`
      : '';
  const omitted =
    check.evidence.length > 0 && !evidence
      ? `\n_${check.evidence.length} evidence lines not shown (message full)_`
      : '';
  return { type: 'section', text: { type: 'mrkdwn', text: head + evidence + omitted } };
}

const RANK: Record<string, number> = { fail: 0, warn: 1, error: 2 };

/** The result message of a diagnosis: verdict first, then the evidence that supports it. */
export function renderReportMessage(report: DiagnosisReport, opts: RenderReportOptions = {}): SlackMessage {
  const { verdict } = report;
  const where = report.host ? `${report.app} on ${report.host}` : `${report.app} in ${report.namespace}`;
  const headline = `${where}: ${CAUSE_TITLE[verdict.cause]}`;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`${causeEmoji(verdict.cause)} ${headline}`, 150), emoji: true },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*Verdict:* \`${verdict.cause}\` (${verdict.confidence} confidence)\n${escapeMrkdwn(verdict.summary)}`,
          3000,
        ),
      },
    },
  ];
  if (verdict.gitops) {
    blocks.push(context(`:lock: Managed by ${verdict.gitops.tool}: ${escapeMrkdwn(verdict.gitops.detail)}`));
  }

  const problems = report.checks
    .filter((c) => c.status === 'fail' || c.status === 'warn' || c.status === 'error')
    .sort((a, b) => (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9));
  if (problems.length > 0) blocks.push({ type: 'divider' });
  let evidenceLeft = TOTAL_EVIDENCE_CHARS;
  for (const check of problems.slice(0, MAX_DETAILED_CHECKS)) {
    const section = checkSection(check, evidenceLeft);
    evidenceLeft -= section.text?.text.length ?? 0;
    blocks.push(section);
  }
  const rest = problems.slice(MAX_DETAILED_CHECKS);
  if (rest.length > 0) {
    const names = rest.map((c) => `${STATUS_EMOJI[c.status]} ${escapeMrkdwn(c.id)}`).join(', ');
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`_…and ${rest.length} more:_ ${names}`, 3000) },
    });
  }

  const ok = report.checks.filter((c) => c.status === 'ok').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped');
  const tally = [`${STATUS_EMOJI.ok} ${ok} ok`];
  if (skipped.length > 0) {
    tally.push(
      `${STATUS_EMOJI.skipped} ${skipped.length} skipped (${skipped.map((c) => escapeMrkdwn(c.id)).join(', ')})`,
    );
  }
  blocks.push(context(clip(`${report.checks.length} checks: ${tally.join(' · ')}`, 2000)));

  if (verdict.actions.length > 0) {
    const lines = verdict.actions.slice(0, 10).map((a) => `• ${describeAction(a)}`);
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Suggested actions*\n${lines.join('\n')}`, 3000) },
    });
    if (opts.actionElements && opts.actionElements.length > 0) {
      blocks.push({
        type: 'actions',
        block_id: ACTIONS_BLOCK_ID,
        elements: opts.actionElements.slice(0, 25),
      });
    }
  }
  for (const note of opts.notes ?? []) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(note, 3000) } });
  }

  const footer = [`Diagnosed in ${formatDuration(report.durationMs)}`];
  if (opts.requestedBy) footer.push(`requested by <@${opts.requestedBy}>`);
  if (opts.jobId) footer.push(`job \`${clip(opts.jobId, 120)}\``);
  if (report.finishedAt) {
    const unix = Math.floor(Date.parse(report.finishedAt) / 1000);
    if (Number.isFinite(unix))
      footer.push(`<!date^${unix}^{date_short_pretty} {time_secs}|${report.finishedAt}>`);
  }
  blocks.push(context(footer.join(' · ')));

  const text = clip(`${verdict.cause === 'healthy' ? '✅' : '🔴'} ${headline} — ${verdict.summary}`, 3000);
  return { text, blocks };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
