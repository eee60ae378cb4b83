import type { CheckResult } from '../diagnosis/report.js';
import type { ClusterSnapshot } from '../k8s/snapshot.js';

/** What a check returns; the runner adds id, runbookStep and duration. */
export type CheckOutcome = Omit<CheckResult, 'id' | 'runbookStep' | 'durationMs'>;

/**
 * One step of the 502 runbook, automated. A check is a pure function of the snapshot: it never calls the
 * API, so it is tested with plain objects. Add one file, one registry line, one test.
 */
export interface Check<S = ClusterSnapshot> {
  id: string;
  /** Runbook step it automates: '1'…'6', 'pro-tip' or 'faq'. */
  runbookStep: string;
  /** Short human title ("Pods ready"). */
  title: string;
  run(snapshot: S): CheckOutcome;
}
