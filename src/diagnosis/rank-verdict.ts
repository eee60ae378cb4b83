import type { Cause, CauseProposal, CheckResult, Confidence, Verdict } from './report.js';

/**
 * Priority of causes, most decisive first. Rationale:
 * 1. app-not-found: nothing else means anything without the app.
 * 2. proxy-unhealthy: a down gateway 502s every app, whatever the app does.
 * 3. bad-rollout: when the newest revision broke and an earlier one was healthy, rolling back is the
 *    fastest fix, so it beats the symptoms it explains (crash-loop, oom, image-pull, readiness…).
 * 4. Specific configuration errors: each names the one object to fix.
 * 5. Pod failures, specific before generic (OOM and liveness kills also look like crash loops).
 * 6. Runtime behaviour behind intermittent 502s with healthy pods.
 */
export const CAUSE_PRIORITY: readonly Cause[] = [
  'app-not-found',
  'proxy-unhealthy',
  'bad-rollout',
  'ingress-backend-missing',
  'selector-mismatch',
  'target-port-mismatch',
  'network-policy-blocks-proxy',
  'dns-resolution',
  'image-pull',
  'unschedulable',
  'oom-killed',
  'slow-startup',
  'crash-loop',
  'readiness-failing',
  'upstream-connection-refused',
  // Pods pinned at their limits explain slow answers and resets: a longer timeout would not help.
  'resource-exhaustion',
  'proxy-timeout-too-low',
  'keepalive-mismatch',
];

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const CONFIDENCES: Confidence[] = ['low', 'medium', 'high'];

interface Support {
  /** The proposal whose summary and actions the verdict uses. */
  proposal: CauseProposal;
  proposalFromFail: boolean;
  /** Distinct checks that back the cause, by status. */
  failing: Set<string>;
  warning: Set<string>;
  best: Confidence;
}

/** Better proposal for the verdict: from a failing check, then more confident, then with actions. */
function isBetter(p: CauseProposal, fromFail: boolean, s: Support): boolean {
  if (fromFail !== s.proposalFromFail) return fromFail;
  const d = CONFIDENCE_RANK[p.confidence] - CONFIDENCE_RANK[s.proposal.confidence];
  if (d !== 0) return d > 0;
  return Boolean(p.actions?.length) && !s.proposal.actions?.length;
}

function collect(results: CheckResult[]): Map<Cause, Support> {
  const byCause = new Map<Cause, Support>();
  for (const r of results) {
    if (r.status !== 'fail' && r.status !== 'warn') continue;
    const fromFail = r.status === 'fail';
    for (const p of r.proposals ?? []) {
      const s = byCause.get(p.cause);
      if (!s) {
        byCause.set(p.cause, {
          proposal: p,
          proposalFromFail: fromFail,
          failing: new Set(fromFail ? [r.id] : []),
          warning: new Set(fromFail ? [] : [r.id]),
          best: p.confidence,
        });
        continue;
      }
      (fromFail ? s.failing : s.warning).add(r.id);
      if (isBetter(p, fromFail, s)) {
        s.proposal = p;
        s.proposalFromFail = fromFail;
      }
      if (CONFIDENCE_RANK[p.confidence] > CONFIDENCE_RANK[s.best]) s.best = p.confidence;
    }
  }
  return byCause;
}

const lower = (c: Confidence, steps = 1): Confidence => CONFIDENCES[Math.max(0, CONFIDENCE_RANK[c] - steps)]!;

/**
 * Confidence: high when several independent sources agree (checks proposing the cause plus failing symptom
 * checks that propose nothing, e.g. no ready endpoints, 502s in the proxy log), medium with one, low when
 * only warnings support it; one step lower when checks could not run (error).
 */
function confidenceOf(s: Support, symptomFails: number, errors: number): Confidence {
  let c: Confidence;
  if (s.failing.size === 0) c = 'low';
  else if (s.best === 'low') c = 'low';
  else if (s.failing.size + s.warning.size + symptomFails >= 2) c = 'high';
  else c = 'medium';
  return errors > 0 ? lower(c) : c;
}

/**
 * Pick the single most specific, actionable cause from every check's proposals: causes backed by a `fail`
 * beat causes backed only by a `warn`; within each, CAUSE_PRIORITY decides. Actions come only from the
 * winning proposal.
 */
export function rankVerdict(results: CheckResult[], ctx: { appFound: boolean }): Verdict {
  const errors = results.filter((r) => r.status === 'error');
  const skipped = results.filter((r) => r.status === 'skipped');
  const fails = results.filter((r) => r.status === 'fail');
  const support = collect(results);

  if (!ctx.appFound) {
    const p = support.get('app-not-found')?.proposal;
    return {
      cause: 'app-not-found',
      confidence: 'high',
      summary:
        p?.summary ??
        'No workload or pods match the app in that namespace: check the app and namespace names.',
      actions: [],
    };
  }

  const ranked = [...support.entries()]
    .filter(([cause]) => cause !== 'healthy' && cause !== 'unknown')
    .sort(([ca, a], [cb, b]) => {
      const tierA = a.failing.size > 0 ? 0 : 1;
      const tierB = b.failing.size > 0 ? 0 : 1;
      if (tierA !== tierB) return tierA - tierB;
      return priority(ca) - priority(cb);
    });

  const winner = ranked[0];
  if (winner && (fails.length > 0 || winner[1].failing.size > 0)) {
    const [cause, s] = winner;
    const verdict: Verdict = {
      cause,
      confidence: confidenceOf(s, fails.filter((f) => !f.proposals?.length).length, errors.length),
      summary: s.proposal.summary,
      actions: s.proposal.actions ?? [],
    };
    if (s.proposal.gitops) verdict.gitops = s.proposal.gitops;
    return verdict;
  }

  if (fails.length > 0) {
    const first = fails[0]!;
    return {
      cause: 'unknown',
      confidence: errors.length > 0 ? 'low' : 'medium',
      summary: `Symptoms found but no cause determined: ${fails.map((f) => `${f.id} (${f.summary})`).join('; ')}. Start from the evidence of ${first.id}.`,
      actions: [],
    };
  }

  const notRun = [...errors, ...skipped];
  return {
    cause: 'healthy',
    confidence: errors.length > 0 ? 'low' : skipped.length > 0 ? 'medium' : 'high',
    summary:
      notRun.length > 0
        ? `No check found a cause for 502s, but ${notRun.length} check(s) could not run: ${notRun.map((r) => r.id).join(', ')}.`
        : 'Every check passed: nothing here explains a 502.',
    actions: [],
  };
}

function priority(cause: Cause): number {
  const i = CAUSE_PRIORITY.indexOf(cause);
  return i < 0 ? CAUSE_PRIORITY.length : i;
}
