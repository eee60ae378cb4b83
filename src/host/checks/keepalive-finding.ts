import type { ProxyRoute } from '../../proxy/proxy-kind.js';
import type { HostSnapshot } from '../host-snapshot.js';
import { failureLines } from './log-facts.js';

export interface KeepaliveFinding {
  route: ProxyRoute;
  closedLines: number;
  /** The measurement from here that shows the upstream drops idle/reused connections before the proxy. */
  measured?: string;
  confidence: 'high' | 'medium';
  evidence: string[];
}

/**
 * Connections closed or reset under the proxy, on a route that reuses upstream connections, while the app
 * answers fresh connections fine: the app's idle keep-alive is shorter than the proxy's. Shared by the
 * keep-alive check (which proposes it) and the log check (which then does not call it unknown).
 */
export function findKeepaliveMismatch(s: HostSnapshot): KeepaliveFinding | undefined {
  const closed = failureLines(s).filter((l) => l.kind === 'prematurely-closed' || l.kind === 'reset');
  const route = s.routes.find((r) => r.upstreamKeepalive);
  if (!closed.length || !route) return undefined;
  const freshOk = s.probes.some(
    (p) => p.role === 'configured' && p.http && 'status' in p.http && p.http.status < 500,
  );
  if (!freshOk) return undefined;
  const proxyIdle = route.upstreamKeepaliveMs;
  const idleText = proxyIdle !== undefined ? `${proxyIdle / 1000} s` : 'its default';
  const k = s.keepaliveProbe;
  let measured: string | undefined;
  if (k?.closedAfterMs !== undefined && (proxyIdle === undefined || k.closedAfterMs < proxyIdle)) {
    measured = `${k.target.host}:${k.target.port} closed an idle keep-alive connection after ${k.closedAfterMs} ms; ${s.proxyKind ?? 'the proxy'} keeps them ${idleText}`;
  } else if (k?.reusedAnswered === false) {
    measured = `${k.target.host}:${k.target.port} dropped a second request on a connection idle for ${k.waitedMs} ms; ${s.proxyKind ?? 'the proxy'} reuses connections for ${idleText}`;
  }
  const evidence = [
    `${route.source}: upstream ${route.upstream} reuses connections (keep-alive ${idleText})`,
    `${closed.length} requests failed with the connection closed/reset under the proxy`,
    ...(measured ? [measured] : []),
    ...closed.slice(-3).map((l) => l.raw),
  ];
  return {
    route,
    closedLines: closed.length,
    ...(measured ? { measured } : {}),
    confidence: measured ? 'high' : 'medium',
    evidence,
  };
}
