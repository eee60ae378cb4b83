import type { Check } from './check.js';
import { appPods } from './app-objects.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { clock, isPodReady, podIps, podName } from './pod-facts.js';
import { proxyLogFacts } from './proxy-log-facts.js';

/**
 * Step 2/3: the proxy reaches the current pod IPs and is refused while the pods are Ready — nothing listens
 * on the port the Service sends traffic to (the app binds another port or only localhost).
 */
export const connectionRefusedCheck: Check = {
  id: 'connection-refused',
  runbookStep: '3',
  title: 'Upstream connection refused',
  run(s) {
    if (!s.proxy.logs.ok) return fetchProblemOutcome(s.proxy.logs.error);
    const facts = proxyLogFacts(s)!;
    const refused = facts.failures.filter((f) => f.by === 'pod-ip' && f.line.kind === 'refused');
    if (refused.length === 0)
      return { status: 'ok', summary: 'the proxy is not refused by the app pods', evidence: [] };
    const pods = appPods(s);
    const byIp = new Map(pods.flatMap((p) => podIps(p).map((ip) => [ip, p] as const)));
    const evidence: string[] = [];
    const readyRefused = new Set<string>();
    const groups = new Map<string, typeof refused>();
    for (const r of refused)
      groups.set(r.line.upstreamAddr!, [...(groups.get(r.line.upstreamAddr!) ?? []), r]);
    for (const [addr, group] of groups) {
      const pod = byIp.get(addr.split(':')[0]!);
      const ready = pod ? isPodReady(pod) : false;
      if (pod && ready) readyRefused.add(podName(pod));
      const last = group.at(-1)?.line.time;
      evidence.push(
        `refused ×${group.length} at ${addr}${pod ? ` (${podName(pod)}, ${ready ? 'Ready' : 'not ready'})` : ''}, last ${clock(last)}`,
      );
    }
    const probe = s.healthProbe.ok ? s.healthProbe.value : undefined;
    const probeRefused = probe && /connection refused/i.test(probe.message ?? '');
    if (probeRefused) evidence.push(`direct probe GET ${probe.url}: ${probe.message ?? ''}`);
    if (readyRefused.size === 0) {
      return {
        status: 'warn',
        summary: `refused by ${groups.size} pod address(es) that are not ready (explained by pod health)`,
        evidence,
      };
    }
    const port = refused[0]!.line.upstreamAddr!.split(':').pop();
    return {
      status: 'fail',
      summary: `the proxy is refused on port ${port} by ${readyRefused.size} Ready pod(s)`,
      evidence,
      proposals: [
        {
          cause: 'upstream-connection-refused',
          confidence: probeRefused || readyRefused.size > 1 ? 'high' : 'medium',
          summary: `${s.app} pods are Ready but nothing listens on port ${port}: make the app bind 0.0.0.0:${port} or point the Service at the port it listens on.`,
        },
      ],
    };
  },
};
