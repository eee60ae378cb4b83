import type { CheckResult } from '../diagnosis/report.js';
import type { Check, CheckOutcome } from './check.js';

export interface RunChecksOptions {
  /** Per-check budget; a check still running after it is reported `error` (timed out). Default 2 s. */
  timeoutMs?: number;
  /** Called as each check finishes, with how many are done out of the total. */
  onResult?: (result: CheckResult, done: number, total: number) => void;
}

const DEFAULT_TIMEOUT_MS = 2_000;

class CheckTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The contract says every `fail` carries evidence; a check that forgot gets its summary as evidence. */
function normalise(outcome: CheckOutcome): CheckOutcome {
  if (outcome.status === 'fail' && outcome.evidence.length === 0)
    return { ...outcome, evidence: [outcome.summary] };
  return outcome;
}

/**
 * Run every check against one input, isolated: a check that throws or hangs becomes `error` with the
 * reason and the others still run. Results come back in registry order whatever order they finish in.
 */
export async function runChecks<S>(
  checks: readonly Check<S>[],
  input: S,
  opts: RunChecksOptions = {},
): Promise<CheckResult[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let done = 0;
  const runOne = async (check: Check<S>): Promise<CheckResult> => {
    const started = performance.now();
    let outcome: CheckOutcome;
    try {
      // `run` is synchronous by contract; awaiting also tolerates a check that returns a promise.
      outcome = normalise(
        await withTimeout(
          Promise.resolve().then(() => check.run(input) as CheckOutcome | Promise<CheckOutcome>),
          timeoutMs,
        ),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      outcome = { status: 'error', summary: `check failed: ${message}`, evidence: [] };
    }
    const result: CheckResult = {
      id: check.id,
      runbookStep: check.runbookStep,
      ...outcome,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    done += 1;
    opts.onResult?.(result, done, checks.length);
    return result;
  };
  return Promise.all(checks.map(runOne));
}
