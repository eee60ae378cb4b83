import type { Redis } from 'ioredis';
import type { ActionsBlockElement } from '@slack/types';
import type { ApprovalGroup, ApprovalRecord, RemediationOutcome } from './approval.js';
import { closeIncident } from './incident-thread.js';
import { describeApproval, outcomeNote } from './remediation-notes.js';
import type { RemediationReporter } from './remediation-report.js';

/**
 * The last step of every remediation, cluster or host: the message shows the outcome, the thread and the
 * audit say who approved what and how it ended, and a recovery closes the incident.
 */
export async function reportOutcome(
  deps: { reporter: RemediationReporter; redis: Redis },
  group: ApprovalGroup,
  rec: ApprovalRecord,
  notes: string[],
  outcome: RemediationOutcome,
  elements: ActionsBlockElement[] = [],
): Promise<void> {
  await deps.reporter.updateMessage(group, [...notes, outcomeNote(outcome)], elements);
  await deps.reporter.say(
    group,
    rec,
    `${outcomeNote(outcome)}\n_${describeApproval(rec.spec)}, approved by <@${rec.approvedBy ?? '?'}>_`,
  );
  await deps.reporter.audit(
    rec,
    'outcome',
    rec.approvedBy ?? rec.spec.requester,
    `${outcome.result}: ${outcome.summary}`,
  );
  if (outcome.result === 'recovered')
    await closeIncident(deps.redis, rec.spec.app, rec.spec.namespace).catch(() => undefined);
}
