import type { Check } from './check.js';
import { appPods, findAppServices } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';
import { isProbeBlocked } from './probe-blocked.js';

/**
 * Step 2: the endpoints the proxy can use. With no ready endpoint ingress-nginx answers 503 (and 502 while
 * it still routes to pods that just went away).
 */
export const endpointsReadyCheck: Check = {
  id: 'endpoints-ready',
  runbookStep: '2',
  title: 'Ready endpoints',
  run(s) {
    const problem = firstFetchProblem(s.endpointSlices, s.services);
    if (problem) return problem;
    const services = findAppServices(s).filter(
      (x) => x.selectsApp && x.service.spec?.type !== 'ExternalName',
    );
    if (services.length === 0)
      return { status: 'skipped', summary: 'no Service selects the app', evidence: [] };
    const evidence: string[] = [];
    let anyEmpty = false;
    const summaries: string[] = [];
    for (const { service } of services) {
      const name = service.metadata?.name ?? '?';
      const slices = (s.endpointSlices.ok ? s.endpointSlices.value : []).filter(
        (sl) => sl.metadata?.labels?.['kubernetes.io/service-name'] === name,
      );
      const endpoints = slices.flatMap((sl) => sl.endpoints ?? []);
      const ready = endpoints.filter((e) => e.conditions?.ready !== false);
      summaries.push(`${name}: ${ready.length}/${endpoints.length} endpoints ready`);
      if (ready.length === 0) {
        anyEmpty = true;
        const notReady = endpoints.map(
          (e) => `${e.addresses.join(',')}${e.targetRef?.name ? ` (${e.targetRef.name})` : ''}`,
        );
        evidence.push(
          `EndpointSlice for ${name}: 0/${endpoints.length} ready${notReady.length ? `; not ready: ${notReady.slice(0, 5).join(', ')}` : ''}`,
        );
      }
    }
    if (!anyEmpty) return { status: 'ok', summary: summaries.join('; '), evidence: [] };
    const pods = appPods(s);
    const blocked = pods.filter((p) => !isPodReady(p) && isProbeBlocked(p));
    return {
      status: 'fail',
      summary: summaries.join('; '),
      evidence,
      proposals:
        blocked.length > 0 && blocked.length === pods.filter((p) => !isPodReady(p)).length
          ? [
              {
                cause: 'readiness-failing',
                confidence: 'medium',
                summary: `No ${s.app} endpoint is ready because the pods fail their readiness probe.`,
              },
            ]
          : [],
    };
  },
};
