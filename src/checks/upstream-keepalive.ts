import type { Check } from './check.js';
import { INGRESS_NGINX_DEFAULTS, parseSeconds } from '../proxy/ingress-nginx/read-ingress-nginx-config.js';
import { appPods } from './app-objects.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';
import { current, proxyLogFacts } from './proxy-log-facts.js';
import { sampleLines, summariseByKind } from './summarise-log-lines.js';

/**
 * FAQ, intermittent 502s with healthy pods: the app closes idle keep-alive connections before nginx stops
 * reusing them, so a request sent on a reused connection meets "prematurely closed" or a 104 reset.
 */
export const upstreamKeepaliveCheck: Check = {
  id: 'upstream-keepalive',
  runbookStep: 'faq',
  title: 'Upstream keep-alive',
  run(s) {
    if (!s.proxy.logs.ok) return fetchProblemOutcome(s.proxy.logs.error);
    const facts = proxyLogFacts(s)!;
    const closes = current(facts.failures).filter(
      (f) => f.line.kind === 'prematurely-closed' || f.line.kind === 'reset',
    );
    if (closes.length === 0) return { status: 'ok', summary: 'no upstream connection resets', evidence: [] };
    const pods = appPods(s);
    const healthy =
      pods.length > 0 &&
      pods.every(isPodReady) &&
      pods.every((p) => (p.status?.containerStatuses ?? []).every((c) => !c.state?.waiting));
    const cm = s.proxy.configMap.ok ? s.proxy.configMap.value?.data : undefined;
    const keepalive =
      parseSeconds(cm?.['upstream-keepalive-timeout']) ?? INGRESS_NGINX_DEFAULTS.keepaliveTimeout;
    const conns = Number(cm?.['upstream-keepalive-connections'] ?? INGRESS_NGINX_DEFAULTS.keepaliveConns);
    const evidence = [
      ...summariseByKind(closes),
      `ingress-nginx reuses upstream connections for ${keepalive}s (upstream-keepalive-timeout${cm?.['upstream-keepalive-timeout'] ? '' : ', default'}, ${conns} idle connections kept)`,
    ];
    if (facts.successes > 0)
      evidence.push(
        `${closes.length} reset(s) among ${facts.successes + closes.length} requests: intermittent`,
      );
    evidence.push(...sampleLines(closes, 1));
    const intermittent = facts.successes > closes.length;
    if (!healthy || conns === 0) {
      return {
        status: 'warn',
        summary: `${closes.length} upstream reset(s)${healthy ? ' with keep-alive disabled' : ' while pods are unhealthy'}`,
        evidence,
      };
    }
    const premature = closes.some((c) => c.line.kind === 'prematurely-closed');
    return {
      status: 'fail',
      summary: `${closes.length} upstream connection reset(s) with Ready pods${intermittent ? ' among mostly successful requests' : ''}`,
      evidence,
      proposals: [
        {
          cause: 'keepalive-mismatch',
          confidence: premature && intermittent ? 'high' : 'medium',
          summary: `${s.app} closes idle keep-alive connections before ingress-nginx (${keepalive}s) stops reusing them: set the app's keep-alive idle timeout above ${keepalive}s or lower upstream-keepalive-timeout.`,
        },
      ],
    };
  },
};
