import type { Check } from '../../checks/check.js';
import type { CauseProposal } from '../../diagnosis/report.js';
import type { HostSnapshot } from '../host-snapshot.js';
import { findKeepaliveMismatch } from './keepalive-finding.js';
import { countByKind, describeCount, failureLines } from './log-facts.js';

/**
 * Runbook step 3, the proxy's logs: every upstream failure line classified, counted, with first/last
 * time. It names the causes only a log can show — names that do not resolve, answers the proxy rejects —
 * and leaves refusals, timeouts and closed connections to the checks that can confirm them.
 */
export const proxyLogsCheck: Check<HostSnapshot> = {
  id: 'host-proxy-logs',
  runbookStep: '3',
  title: 'Proxy logs (upstream errors)',
  run(s) {
    if (!s.proxyKind) return { status: 'skipped', summary: 'no proxy found on this host', evidence: [] };
    const readable = s.logs.filter((l) => !l.unavailable);
    if (!readable.length) {
      return {
        status: 'skipped',
        summary: s.logs.map((l) => l.unavailable).join('; ') || 'no proxy log found',
        evidence: [],
      };
    }
    const evidence: string[] = [];
    for (const src of s.logs) {
      if (src.unavailable) {
        evidence.push(`${src.path}: ${src.unavailable}`);
        continue;
      }
      const counts = countByKind(src.lines);
      evidence.push(
        `${src.path}: ${counts.length ? counts.map(describeCount).join(', ') : 'no upstream errors'}`,
      );
      if (src.retried?.length)
        evidence.push(
          `${src.retried.length} requests answered only after a retry, e.g. ${src.retried.at(-1)}`,
        );
    }
    const lines = failureLines(s);
    if (!lines.length) {
      const retried = s.logs.some((l) => l.retried?.length);
      return {
        status: retried ? 'warn' : 'ok',
        summary: retried ? 'upstream errors hidden by retries' : 'no upstream errors in the proxy logs',
        evidence,
      };
    }
    const counts = countByKind(lines);
    const proposals: CauseProposal[] = [];
    const resolve = lines.filter((l) => l.kind === 'resolve');
    if (resolve.length) {
      const names = [...new Set(resolve.map((l) => l.upstreamName).filter(Boolean))].join(', ');
      proposals.push({
        cause: 'dns-resolution',
        confidence: 'high',
        summary: `${s.proxyKind} cannot resolve the upstream${names ? ` ${names}` : ''} (${resolve.length} failures).`,
      });
      evidence.push(...resolve.slice(-3).map((l) => l.raw));
    }
    const invalid = lines.filter((l) => l.kind === 'invalid-response');
    if (invalid.length) {
      proposals.push({
        cause: 'unknown',
        confidence: 'medium',
        summary: `${s.proxyKind} rejects the upstream's answers (${invalid.length}× invalid response) — see the log lines; not a cause gw502 can name.`,
      });
      evidence.push(...invalid.slice(-3).map((l) => l.raw));
    }
    const closed = lines.filter((l) => l.kind === 'prematurely-closed' || l.kind === 'reset');
    if (closed.length && !findKeepaliveMismatch(s)) {
      proposals.push({
        cause: 'unknown',
        confidence: 'low',
        summary: `The upstream closes or resets connections before answering (${closed.length}×).`,
      });
      evidence.push(...closed.slice(-3).map((l) => l.raw));
    }
    const other = lines.filter(
      (l) => !['resolve', 'invalid-response', 'prematurely-closed', 'reset'].includes(l.kind),
    );
    evidence.push(...other.slice(-3).map((l) => l.raw));
    return { status: 'fail', summary: counts.map(describeCount).join(', '), evidence, proposals };
  },
};
