import type { Check } from './check.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { current, proxyLogFacts } from './proxy-log-facts.js';
import { sampleLines, summariseByKind } from './summarise-log-lines.js';

/**
 * Step 3's `kubectl logs deploy/ingress-nginx-controller | grep 502\|upstream`, attributed to this app.
 * This check reports the symptom; the checks that explain it (refused, keep-alive, DNS, timeouts…) propose.
 */
export const proxyLogsCheck: Check = {
  id: 'proxy-logs',
  runbookStep: '3',
  title: 'Proxy logs',
  run(s) {
    if (!s.proxy.logs.ok) return fetchProblemOutcome(s.proxy.logs.error);
    const facts = proxyLogFacts(s)!;
    if (facts.failures.length === 0) {
      return {
        status: 'ok',
        summary: `no upstream errors for ${s.app} in ${s.proxy.logs.value.length} controller log lines`,
        evidence: [],
      };
    }
    const now = current(facts.failures);
    const old = facts.failures.length - now.length;
    const evidence = summariseByKind(now.length ? now : facts.failures);
    if (now.some((l) => l.line.kind === 'no-live-upstreams' || l.line.status === 503)) {
      evidence.push(
        '503 means ingress-nginx has no ready endpoint for the Service (it answers 503, not 502)',
      );
    }
    if (now.some((l) => l.line.kind === 'timeout'))
      evidence.push('504 / "upstream timed out": the app did not answer within the proxy timeout');
    if (old > 0) evidence.push(`${old} line(s) from before the current pods started (older rollout)`);
    evidence.push(...sampleLines(now.length ? now : facts.failures));
    const byIp = now.filter((l) => l.by === 'pod-ip').length;
    return {
      status: now.length > 0 ? 'fail' : 'warn',
      summary:
        now.length > 0
          ? `${now.length} upstream error(s) for ${s.app} (${byIp} at current pod IPs)${facts.successes ? ` among ${facts.successes + now.length} requests` : ''}`
          : `${old} upstream error(s), all from before the current pods`,
      evidence,
    };
  },
};
