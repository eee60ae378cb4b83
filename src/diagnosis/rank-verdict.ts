import type { CheckResult, Verdict } from './report.js';

/**
 * Pick the single most specific, actionable cause from every check's proposals.
 * (Implemented in the engine work; this signature is shared by the cluster and host engines.)
 */
export function rankVerdict(_results: CheckResult[], _ctx: { appFound: boolean }): Verdict {
  throw new Error('rankVerdict: not implemented yet');
}
