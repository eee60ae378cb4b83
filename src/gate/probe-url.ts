/** One answer (or non-answer) of the probed URL. */
export interface UrlAnswer {
  /** ISO time the request was sent. */
  at: string;
  /** HTTP status; undefined when there was no answer (refused, DNS, TLS, timeout). */
  status?: number;
  error?: string;
  durationMs: number;
}

export interface UrlProbeOutcome {
  passed: boolean;
  answers: UrlAnswer[];
  /** Answers in the middle not kept in `answers` (a long probe keeps its first and last ones). */
  omitted: number;
  /** How many answers in a row were good at the end. */
  streak: number;
  elapsedMs: number;
}

export interface ProbeUrlOptions {
  /** Absolute time (ms since epoch) after which no new request is sent (one in flight may finish). */
  deadline: number;
  /** Good answers in a row that pass the gate: one lucky 200 from a half-broken pool proves little. */
  requiredSuccesses?: number;
  /** Pause between requests, so the answers span a few seconds of traffic. */
  intervalMs?: number;
  /** Per request, like the runbook's `curl --max-time 5`. */
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export const DEFAULT_PROBE = { requiredSuccesses: 3, intervalMs: 2000, requestTimeoutMs: 5000 } as const;

/** Keep the first answers and the last ones: the start shows how it began, the end how it stands. */
const MAX_KEPT_ANSWERS = 30;

/**
 * GET the URL until it answers non-5xx `requiredSuccesses` times in a row, or the deadline passes.
 * Anything below 500 counts as an answer from the app (a 404 or 401 is not a gateway failure); a 5xx or
 * no answer at all resets the streak.
 */
export async function probeUrl(url: string, opts: ProbeUrlOptions): Promise<UrlProbeOutcome> {
  const required = opts.requiredSuccesses ?? DEFAULT_PROBE.requiredSuccesses;
  const interval = opts.intervalMs ?? DEFAULT_PROBE.intervalMs;
  const timeout = opts.requestTimeoutMs ?? DEFAULT_PROBE.requestTimeoutMs;
  const doFetch = opts.fetchImpl ?? fetch;
  const started = Date.now();
  const answers: UrlAnswer[] = [];
  let streak = 0;
  let dropped = 0;
  const keepFirst = 10;

  while (!opts.signal?.aborted) {
    // Each request gets its full timeout: cutting the last one short would record a fake "no answer".
    const answer = await probeOnce(doFetch, url, timeout, opts.signal);
    answers.push(answer);
    if (answers.length > MAX_KEPT_ANSWERS) {
      answers.splice(keepFirst, 1);
      dropped += 1;
    }
    streak = answer.status !== undefined && answer.status < 500 ? streak + 1 : 0;
    if (streak >= required) break;
    if (Date.now() + interval >= opts.deadline) break;
    await sleep(interval, opts.signal);
  }
  return { passed: streak >= required, answers, omitted: dropped, streak, elapsedMs: Date.now() - started };
}

async function probeOnce(
  doFetch: typeof fetch,
  url: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<UrlAnswer> {
  const at = new Date();
  const t0 = performance.now();
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const res = await doFetch(url, {
      method: 'GET',
      redirect: 'manual',
      headers: { 'user-agent': 'gw502-gate', accept: '*/*' },
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    // Drain so the connection is released; the body itself is not evidence.
    await res.arrayBuffer().catch(() => undefined);
    return { at: at.toISOString(), status: res.status, durationMs: Math.round(performance.now() - t0) };
  } catch (err) {
    const durationMs = Math.round(performance.now() - t0);
    if (timeout.aborted)
      return { at: at.toISOString(), error: `no answer within ${timeoutMs} ms`, durationMs };
    return { at: at.toISOString(), error: describeFetchError(err), durationMs };
  }
}

function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
