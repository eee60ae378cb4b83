import type { Check } from './check.js';
import { parseCpu, parseMemory } from '../k8s/quantity.js';
import { appPods } from './app-objects.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { current, proxyLogFacts } from './proxy-log-facts.js';

const HOT = 0.9;
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)}Mi`;

/** Step 4's `kubectl top pods` against the limits: pods pinned at a limit drop or stall requests. */
export const resourceUsageCheck: Check = {
  id: 'resource-usage',
  runbookStep: '4',
  title: 'CPU and memory vs limits',
  run(s) {
    if (!s.podMetrics.ok) return fetchProblemOutcome(s.podMetrics.error);
    const pods = appPods(s);
    const hot: string[] = [];
    let measured = 0;
    for (const m of s.podMetrics.value) {
      const pod = pods.find((p) => p.metadata?.name === m.pod);
      if (!pod) continue;
      for (const c of m.containers) {
        const limits = pod.spec?.containers.find((x) => x.name === c.name)?.resources?.limits ?? {};
        const parts: string[] = [];
        let isHot = false;
        if (limits.memory) {
          const limit = parseMemory(limits.memory);
          const ratio = c.memoryBytes / limit;
          parts.push(`memory ${mib(c.memoryBytes)} of ${limits.memory} (${Math.round(ratio * 100)}%)`);
          isHot ||= ratio >= HOT;
        }
        if (limits.cpu) {
          const limit = parseCpu(limits.cpu);
          const ratio = c.cpuMillicores / limit;
          parts.push(`cpu ${Math.round(c.cpuMillicores)}m of ${limits.cpu} (${Math.round(ratio * 100)}%)`);
          isHot ||= ratio >= HOT;
        }
        if (parts.length) measured += 1;
        if (isHot) hot.push(`${m.pod}/${c.name}: ${parts.join(', ')}`);
      }
    }
    if (measured === 0)
      return { status: 'ok', summary: 'no container limits to compare against', evidence: [] };
    if (hot.length === 0)
      return { status: 'ok', summary: `${measured} container(s) below 90% of their limits`, evidence: [] };
    const intermittent = current(proxyLogFacts(s)?.failures ?? []).filter((f) =>
      ['reset', 'prematurely-closed', 'timeout', 'status-5xx'].includes(f.line.kind),
    );
    const evidence = [...hot];
    if (intermittent.length)
      evidence.push(
        `${intermittent.length} intermittent 502/504/reset line(s) in the proxy log for ${s.app}`,
      );
    return {
      status: intermittent.length ? 'fail' : 'warn',
      summary: `${hot.length} container(s) at ≥90% of a limit`,
      evidence,
      proposals: [
        {
          cause: 'resource-exhaustion',
          confidence: intermittent.length ? (hot.length > 1 ? 'high' : 'medium') : 'low',
          summary: `${s.app} runs at its CPU/memory limits and drops or stalls requests: raise the limits or scale out.`,
        },
      ],
    };
  },
};
