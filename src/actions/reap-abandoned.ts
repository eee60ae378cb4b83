import type { Logger } from '../logger.js';
import type { ApprovalStore } from './approval-store.js';
import { notStartedOutcome, outcomeNote, unknownOutcome, approvedNote } from './remediation-notes.js';
import type { RemediationReporter } from './remediation-report.js';

export interface ReapLimits {
  /** A started run whose heartbeat is older than this is presumed dead → outcome unknown. */
  staleHeartbeatMs: number;
  /** A claim no worker started within this → failed, nothing written. */
  unstartedMs: number;
}

/**
 * Finds approvals whose worker died (or that no worker ever took) and says so, once: the transition is
 * atomic, so several reapers in several workers agree on one verdict. Never re-runs anything.
 */
export async function reapAbandoned(
  store: ApprovalStore,
  reporter: RemediationReporter,
  limits: ReapLimits,
  logger: Logger,
): Promise<number> {
  let reaped = 0;
  for (const id of await store.executingIds()) {
    const rec = await store.get(id);
    if (!rec) continue;
    const verdict = await store.reap(id, limits, {
      unknown: unknownOutcome(rec.spec),
      notStarted: notStartedOutcome(),
    });
    if (verdict !== 'unknown' && verdict !== 'not-started') continue;
    reaped += 1;
    const outcome = verdict === 'unknown' ? unknownOutcome(rec.spec) : notStartedOutcome();
    logger.warn({ approvalId: id, verdict }, 'remediation abandoned by its worker');
    const group = await store.getGroup(rec.spec.groupId);
    if (group) {
      await reporter.updateMessage(group, [approvedNote(rec), outcomeNote(outcome)]);
      await reporter.say(group, rec, outcomeNote(outcome));
    }
    await reporter.audit(
      rec,
      'outcome',
      rec.approvedBy ?? rec.spec.requester,
      `${outcome.result}: ${outcome.summary}`,
    );
  }
  return reaped;
}
