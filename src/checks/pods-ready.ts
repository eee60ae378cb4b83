import type { Check } from './check.js';
import { appEvents } from './app-events.js';
import { appPods } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { containerStatuses, isPodReady, podName } from './pod-facts.js';
import { isProbeBlocked } from './probe-blocked.js';

/**
 * Step 1: are the pods Ready? Running-but-not-ready pods whose containers are not crashing point at the
 * readiness probe: the Service has no ready endpoint and ingress-nginx answers 502/503.
 */
export const podsReadyCheck: Check = {
  id: 'pods-ready',
  runbookStep: '1',
  title: 'Pods ready',
  run(s) {
    const problem = firstFetchProblem(s.pods);
    if (problem) return problem;
    const pods = appPods(s);
    if (pods.length === 0) return { status: 'skipped', summary: 'no pods to check', evidence: [] };
    const ready = pods.filter(isPodReady);
    const summary = `${ready.length}/${pods.length} ready`;
    if (ready.length === pods.length) return { status: 'ok', summary, evidence: [] };
    const notReady = pods.filter((p) => !isPodReady(p));
    const evidence = notReady.map((p) => {
      const cs = containerStatuses(p);
      const running = cs.filter((c) => c.state?.running).length;
      const readyC = cs.filter((c) => c.ready).length;
      return `${podName(p)}: ${p.status?.phase ?? 'Unknown'}, not ready (${readyC}/${cs.length} containers ready, ${running} running)`;
    });
    const probeBlocked = notReady.filter(isProbeBlocked);
    const readinessEvents = appEvents(s).filter(
      (e) => e.reason === 'Unhealthy' && /^Readiness probe/i.test(e.message ?? ''),
    );
    for (const e of readinessEvents.slice(0, 3)) {
      evidence.push(`${e.involvedObject.name}: ${e.message ?? ''} (×${e.count ?? 1})`);
    }
    const status = ready.length === 0 ? 'fail' : 'warn';
    if (probeBlocked.length === 0) return { status, summary, evidence };
    return {
      status,
      summary,
      evidence,
      proposals: [
        {
          cause: 'readiness-failing',
          confidence:
            readinessEvents.length > 0 && probeBlocked.length === notReady.length ? 'high' : 'medium',
          summary: `${s.app} pods run but fail their readiness probe, so the Service has ${ready.length === 0 ? 'no' : 'too few'} ready endpoints: check what the probe endpoint depends on.`,
        },
      ],
    };
  },
};
