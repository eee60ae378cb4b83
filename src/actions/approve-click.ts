import type { Gw502Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import type { ApprovalRecord, ApprovalSpec } from './approval.js';
import type { ApprovalStore } from './approval-store.js';
import type { ApproverCheck } from './approver-resolver.js';
import { approvedNote, describeApproval, progressNote, slackDate } from './remediation-notes.js';
import type { RemediationReporter } from './remediation-report.js';

export interface ApproveClickDeps {
  store: ApprovalStore;
  reporter: RemediationReporter;
  config: Gw502Config;
  checkApprover: (user: string) => Promise<ApproverCheck>;
  /** Queue the remediation job; called once, by the click that won the claim (host actions: the host's queue). */
  enqueue: (approvalId: string, spec: ApprovalSpec) => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export type ApproveClickResult =
  | { kind: 'approved'; approval: ApprovalRecord }
  /** Told to the clicker alone; nothing changed. */
  | { kind: 'refused'; message: string };

function alreadyHandled(rec: ApprovalRecord | undefined, state: string, approvedBy?: string): string {
  const by = approvedBy ?? rec?.approvedBy;
  const who = by ? ` by <@${by}>` : '';
  if (state === 'executing')
    return `:information_source: This was already approved${who} and is running. Nothing more to do.`;
  return `:information_source: This was already approved${who} (now \`${state}\`). It runs at most once.`;
}

/**
 * One click on an approve button. Every refusal returns a message for the clicker alone and changes
 * nothing; only the click that wins the atomic claim queues the job. Safe under double clicks, Slack
 * retries and replays: they all reach `claim`, which lets exactly one through.
 */
export async function handleApproveClick(
  deps: ApproveClickDeps,
  click: { approvalId: string; user: string },
): Promise<ApproveClickResult> {
  const now = deps.now?.() ?? new Date();
  const rec = await deps.store.get(click.approvalId);
  if (!rec)
    return {
      kind: 'refused',
      message: ':warning: This button is no longer valid (unknown approval). Run a fresh diagnosis.',
    };
  const refuse = async (message: string, reason: string): Promise<ApproveClickResult> => {
    await deps.reporter.audit(rec, 'refusal', click.user, reason);
    return { kind: 'refused', message };
  };
  if (rec.state !== 'pending') return { kind: 'refused', message: alreadyHandled(rec, rec.state) };
  if (now.getTime() >= Date.parse(rec.spec.expiresAt)) {
    return refuse(
      `:hourglass: This approval expired ${slackDate(rec.spec.expiresAt)} (approvals last ${deps.config.approvalTtlMinutes} min). ` +
        'Nothing was changed. Run a fresh diagnosis to get a current one.',
      'expired',
    );
  }
  const approver = await deps.checkApprover(click.user);
  if (!approver.allowed) {
    return refuse(
      `:no_entry: You can't approve this: ${approver.reason}. Nothing was changed.`,
      `not an approver: ${approver.reason}`,
    );
  }
  if (deps.config.requireSecondApprover && click.user === rec.spec.requester) {
    return refuse(
      ':no_entry: Four-eyes rule: you asked for this diagnosis, so someone else must approve the action. Nothing was changed.',
      'four-eyes: requester cannot approve their own',
    );
  }
  const claim = await deps.store.claim(rec.spec, click.user, now);
  switch (claim.kind) {
    case 'claimed':
      break;
    case 'expired':
      return refuse(
        ':hourglass: This approval just expired. Nothing was changed. Run a fresh diagnosis.',
        'expired',
      );
    case 'not-pending':
      return { kind: 'refused', message: alreadyHandled(rec, claim.state, claim.approvedBy) };
    case 'group-claimed':
      return refuse(
        ':information_source: Another action from this message was already approved; only one runs.',
        'another action of this message was approved',
      );
    case 'missing':
      return { kind: 'refused', message: ':warning: This button is no longer valid. Run a fresh diagnosis.' };
  }
  const approved = (await deps.store.get(rec.spec.id)) ?? {
    ...rec,
    state: 'executing' as const,
    approvedBy: click.user,
    approvedAt: now.toISOString(),
  };
  await deps.reporter.audit(approved, 'approval', click.user, `approved: ${describeApproval(rec.spec)}`);
  const group = await deps.store.getGroup(rec.spec.groupId);
  // Buttons go before the job is queued, so the worker's progress is never overwritten by this update.
  if (group) await deps.reporter.updateMessage(group, [approvedNote(approved), progressNote('queued…')]);
  try {
    await deps.enqueue(rec.spec.id, rec.spec);
  } catch (err) {
    // The claim stands (so nothing can run it twice); the reaper marks it not-started and says so.
    deps.logger.error({ err, approvalId: rec.spec.id }, 'could not queue the approved remediation');
    if (group)
      await deps.reporter.updateMessage(group, [
        approvedNote(approved),
        progressNote('could not be queued (Redis?); it will be marked as not run'),
      ]);
    return {
      kind: 'refused',
      message:
        ':x: Approved, but the job could not be queued (Redis not answering). It will not run; ask for a fresh diagnosis.',
    };
  }
  if (group) await deps.reporter.say(group, approved, approvedNote(approved));
  return { kind: 'approved', approval: approved };
}
