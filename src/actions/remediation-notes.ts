import type { ApprovalRecord, ApprovalSpec, RemediationOutcome } from './approval.js';
import { describeSpecTarget, describeTarget } from './approval.js';

/** Slack date token: renders in each reader's time zone, falls back to the ISO time. */
export function slackDate(iso: string): string {
  const unix = Math.floor(Date.parse(iso) / 1000);
  return Number.isFinite(unix) ? `<!date^${unix}^{date_short_pretty} {time_secs}|${iso}>` : iso;
}

/** "Roll back deployment/checkout in shop to revision 3" — the action in words. */
export function describeApproval(spec: ApprovalSpec): string {
  if (spec.kind === 'restart-proxy') return `Restart proxy ${describeSpecTarget(spec)}`;
  if (spec.kind === 'helm-rollback') {
    return `Roll back Helm release \`${spec.release ?? '?'}\` (${describeTarget(spec.target)}) to revision ${spec.toRevision ?? '?'}`;
  }
  return `Roll back ${describeTarget(spec.target)} to revision ${spec.toRevision ?? '?'}`;
}

export function approvedNote(rec: ApprovalRecord): string {
  const who = rec.approvedBy ? `<@${rec.approvedBy}>` : 'an approver';
  const when = rec.approvedAt ? ` on ${slackDate(rec.approvedAt)}` : '';
  return `:white_check_mark: *Approved by ${who}*${when}: ${describeApproval(rec.spec)}`;
}

export function progressNote(text: string): string {
  return `:hourglass_flowing_sand: ${text}`;
}

const OUTCOME_EMOJI: Record<RemediationOutcome['result'], string> = {
  recovered: ':large_green_circle:',
  'still-failing': ':red_circle:',
  stale: ':no_entry:',
  'write-failed': ':x:',
  'rollout-timeout': ':red_circle:',
  'no-op': ':information_source:',
  'not-started': ':x:',
  unknown: ':warning:',
};

const OUTCOME_TITLE: Record<RemediationOutcome['result'], string> = {
  recovered: 'Recovered',
  'still-failing': 'Still failing',
  stale: 'Not done: the target changed since the diagnosis',
  'write-failed': 'Not done',
  'rollout-timeout': 'Rollout did not finish',
  'no-op': 'Nothing to change',
  'not-started': 'Not done: no worker started it',
  unknown: 'Outcome unknown',
};

export function outcomeNote(outcome: RemediationOutcome): string {
  const lines = [`${OUTCOME_EMOJI[outcome.result]} *${OUTCOME_TITLE[outcome.result]}* — ${outcome.summary}`];
  if (outcome.verdict) lines.push(`New verdict: \`${outcome.verdict.cause}\` — ${outcome.verdict.summary}`);
  if (!outcome.wrote && outcome.result !== 'unknown') lines.push('_Nothing was changed in the cluster._');
  if (outcome.output) lines.push(`\`\`\`${outcome.output.slice(-1200).replace(/```/g, "'''")}\`\`\``);
  return lines.join('\n');
}

/** What the reaper records for a run whose worker vanished mid-way. */
export function unknownOutcome(spec: ApprovalSpec): RemediationOutcome {
  return {
    result: 'unknown',
    wrote: true,
    summary:
      `the worker running this stopped mid-way. ${describeApproval(spec)} may or may not have been applied; ` +
      `gw502 will not retry it. Check ${describeSpecTarget(spec)} before doing anything else.`,
  };
}

export function notStartedOutcome(): RemediationOutcome {
  return {
    result: 'not-started',
    wrote: false,
    summary:
      'no gw502 worker took the job in time (are workers running?). It will not run later; ask for a fresh diagnosis.',
  };
}
