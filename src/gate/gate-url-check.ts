import type { CheckResult } from '../diagnosis/report.js';
import type { UrlProbeOutcome } from './probe-url.js';

/** The gate's own finding about the URL (`gate-url`): every answer with its status code and time. */
export function gateUrlCheck(url: string, outcome: UrlProbeOutcome, required: number): CheckResult {
  const lines = outcome.answers.map(
    (a) =>
      `${a.at} GET ${url} → ${a.status ?? 'no answer'}${a.error ? ` (${a.error})` : ''} in ${a.durationMs} ms`,
  );
  if (outcome.omitted > 0) lines.splice(10, 0, `… ${outcome.omitted} answers in between not shown`);
  const base = { id: 'gate-url', runbookStep: '2', durationMs: outcome.elapsedMs, evidence: lines };
  if (outcome.passed) {
    return { ...base, status: 'ok', summary: `${url} answered non-5xx ${required} times in a row` };
  }
  return {
    ...base,
    status: 'fail',
    summary: `${url} never answered non-5xx ${required} times in a row: ${urlFailureWords(outcome)}`,
    evidence: lines.length ? lines : [`${url}: no request could be sent before the timeout`],
  };
}

/** `5 of 6 answers were 5xx, 1 got no answer; last answer 502` (answers kept; the middle may be omitted). */
export function urlFailureWords(outcome: UrlProbeOutcome): string {
  const kept = outcome.answers.length;
  const fiveXx = outcome.answers.filter((a) => a.status !== undefined && a.status >= 500).length;
  const none = outcome.answers.filter((a) => a.status === undefined).length;
  const last = outcome.answers.at(-1);
  const lastWords =
    last?.status !== undefined ? `last answer ${last.status}` : `last attempt: ${last?.error ?? 'none'}`;
  const of = outcome.omitted ? `${kept} kept (of ${kept + outcome.omitted})` : `${kept}`;
  return `${fiveXx} of ${of} answers were 5xx${none ? `, ${none} got no answer` : ''}; ${lastWords}`;
}
