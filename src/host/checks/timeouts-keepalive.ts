import type { Check } from '../../checks/check.js';
import type { CauseProposal } from '../../diagnosis/report.js';
import type { HostSnapshot } from '../host-snapshot.js';
import { findKeepaliveMismatch } from './keepalive-finding.js';
import { failureLines, isReadTimeout } from './log-facts.js';

const seconds = (ms: number | undefined): string => (ms === undefined ? 'default' : `${ms / 1000} s`);

/**
 * Runbook step 4: proxy timeouts and upstream keep-alive (nginx `proxy_read_timeout`, `keepalive`,
 * `keepalive_timeout`; HAProxy `timeout server`, `http-reuse`, `timeout http-keep-alive`) against what the
 * logs show. nginx answers 504 and HAProxy logs `sH` when the read timeout fires.
 */
export const timeoutsKeepaliveCheck: Check<HostSnapshot> = {
  id: 'host-timeouts-keepalive',
  runbookStep: '4',
  title: 'Proxy timeouts and upstream keep-alive',
  run(s) {
    if (!s.config || !s.routes.length)
      return { status: 'skipped', summary: 'no proxy route for the service to compare', evidence: [] };
    const settings = s.routes.map(
      (r) =>
        `${r.source} ${r.host}${r.path} → ${r.upstream}: read timeout ${seconds(r.timeouts.readMs)}, connect ${seconds(r.timeouts.connectMs)}, upstream keep-alive ${r.upstreamKeepalive ? seconds(r.upstreamKeepaliveMs) : 'off'}`,
    );
    const proposals: CauseProposal[] = [];
    const evidence: string[] = [];
    const timeouts = failureLines(s).filter(isReadTimeout);
    if (timeouts.length) {
      const readMs = Math.min(...s.routes.map((r) => r.timeouts.readMs ?? Infinity));
      const slowest = s.probes
        .map((p) =>
          p.http && 'status' in p.http
            ? p.http.ms
            : p.http && /no answer within/.test(p.http.error)
              ? p.http.ms
              : undefined,
        )
        .filter((x): x is number => x !== undefined);
      const direct = slowest.length
        ? ` The service takes ${Math.max(...slowest)} ms to answer directly.`
        : '';
      proposals.push({
        cause: 'proxy-timeout-too-low',
        confidence: 'high',
        summary: `${timeouts.length} requests hit ${s.proxyKind}'s ${seconds(Number.isFinite(readMs) ? readMs : undefined)} read timeout (504).${direct}`,
      });
      evidence.push(
        `${timeouts.length} upstream read timeouts in the logs`,
        ...timeouts.slice(-3).map((l) => l.raw),
      );
    }
    const keepalive = findKeepaliveMismatch(s);
    if (keepalive) {
      proposals.push({
        cause: 'keepalive-mismatch',
        confidence: keepalive.confidence,
        summary: `The upstream closes keep-alive connections ${s.proxyKind} still reuses (${keepalive.closedLines} failed requests).`,
      });
      evidence.push(...keepalive.evidence);
    }
    if (!proposals.length)
      return { status: 'ok', summary: 'no timeout or keep-alive failures in the logs', evidence: settings };
    return {
      status: 'fail',
      summary: proposals.map((p) => p.cause).join(', '),
      evidence: [...evidence, ...settings],
      proposals,
    };
  },
};
