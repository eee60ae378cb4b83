import type { Check } from '../../checks/check.js';
import type { CauseProposal } from '../../diagnosis/report.js';
import type { HostSnapshot, ProbeResult } from '../host-snapshot.js';
import { failureLines, lastLines } from './log-facts.js';

const addr = (p: ProbeResult): string => `${p.target.host}:${p.target.port}`;

export function describeProbe(p: ProbeResult, healthPath: string): string {
  const who = p.role === 'upstream' ? '--upstream' : `configured${p.source ? ` (${p.source})` : ''}`;
  if (p.tcp !== 'ok') return `${who} ${addr(p)}: TCP ${p.tcp}${p.tcpDetail ? ` — ${p.tcpDetail}` : ''}`;
  const h = p.http;
  if (!h) return `${who} ${addr(p)}: TCP ok`;
  return 'status' in h
    ? `${who} ${addr(p)}: GET ${healthPath} → ${h.status} in ${h.ms} ms`
    : `${who} ${addr(p)}: TCP ok, GET ${healthPath} failed after ${h.ms} ms: ${h.error}`;
}

/**
 * Runbook step 2: bypass the proxy. The address the service really listens on (`--upstream`) and every
 * server the proxy config sends it to are probed; a configured server that refuses while `--upstream`
 * answers means the proxy points at the wrong port, not that the app is dead.
 */
export const directConnectivityCheck: Check<HostSnapshot> = {
  id: 'host-direct-connectivity',
  runbookStep: '2',
  title: 'Direct connectivity to the upstream',
  run(s) {
    if (s.probes.length === 0) {
      return {
        status: 'skipped',
        summary:
          'no upstream address known (give --upstream HOST:PORT or a proxy config that routes the service)',
        evidence: [],
      };
    }
    const evidence = s.probes.map((p) => describeProbe(p, s.healthPath));
    const arg = s.probes.find((p) => p.role === 'upstream');
    const configured = s.probes.filter((p) => p.role === 'configured');
    const refused = configured.filter((p) => p.tcp === 'refused');
    const unresolvable = configured.filter((p) => p.tcp === 'unresolvable');
    const proposals: CauseProposal[] = [];
    const proxy = s.proxyKind ?? 'the proxy';
    const refusedLogs = failureLines(s).filter((l) => l.kind === 'refused');
    if (unresolvable.length) {
      proposals.push({
        cause: 'dns-resolution',
        confidence: 'high',
        summary: `${proxy} sends ${s.service} to ${unresolvable.map(addr).join(', ')}, a name that does not resolve.`,
      });
    }
    if (refused.length && arg && arg.tcp === 'ok' && !refused.some((p) => addr(p) === addr(arg))) {
      proposals.push({
        cause: 'target-port-mismatch',
        confidence: 'high',
        summary: `${proxy} sends ${s.service} to ${refused.map(addr).join(', ')} (connection refused) but the service answers at ${addr(arg)}.`,
      });
      return {
        status: 'fail',
        summary: `configured upstream ${refused.map(addr).join(', ')} refuses; ${addr(arg)} answers`,
        evidence: [...evidence, ...lastLines(refusedLogs)],
        proposals,
      };
    }
    const allRefuse = s.probes.every((p) => p.tcp === 'refused');
    if (allRefuse) {
      proposals.push({
        cause: 'upstream-connection-refused',
        confidence: refusedLogs.length || configured.length ? 'high' : 'medium',
        summary: `Nothing listens at ${s.probes.map(addr).join(', ')}: connections to ${s.service} are refused.`,
      });
      return {
        status: 'fail',
        summary: `connection refused at ${s.probes.map(addr).join(', ')}`,
        evidence: [...evidence, ...lastLines(refusedLogs)],
        proposals,
      };
    }
    if (refused.length) {
      proposals.push({
        cause: 'upstream-connection-refused',
        confidence: 'medium',
        summary: `Configured upstream ${refused.map(addr).join(', ')} refuses connections.`,
      });
      return {
        status: 'fail',
        summary: `${refused.length}/${configured.length} configured servers refuse`,
        evidence,
        proposals,
      };
    }
    if (proposals.length)
      return { status: 'fail', summary: 'configured upstream name does not resolve', evidence, proposals };
    const bad = s.probes.filter(
      (p) => p.tcp !== 'ok' || !p.http || !('status' in p.http) || p.http.status >= 500,
    );
    if (bad.length)
      return {
        status: 'warn',
        summary: `${bad.length}/${s.probes.length} direct probes did not answer cleanly`,
        evidence,
      };
    return { status: 'ok', summary: `all ${s.probes.length} upstream addresses answer directly`, evidence };
  },
};
