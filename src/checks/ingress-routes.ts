import type { V1IngressBackend } from '@kubernetes/client-node';
import type { Check } from './check.js';
import { findAppIngresses } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';

/** Step 3 (proxy upstream definition): every Ingress backend of the app names an existing Service and port. */
export const ingressRoutesCheck: Check = {
  id: 'ingress-routes',
  runbookStep: '3',
  title: 'Ingress routes',
  run(s) {
    const problem = firstFetchProblem(s.ingresses, s.services);
    if (problem) return problem;
    const ingresses = findAppIngresses(s);
    if (ingresses.length === 0)
      return { status: 'skipped', summary: `no Ingress routes to ${s.app}`, evidence: [] };
    const services = s.services.ok ? s.services.value : [];
    const broken: string[] = [];
    const fine: string[] = [];
    for (const ing of ingresses) {
      const name = `ingress ${ing.metadata?.name ?? '?'}`;
      const backends: { where: string; backend: V1IngressBackend }[] = [];
      for (const rule of ing.spec?.rules ?? [])
        for (const p of rule.http?.paths ?? [])
          backends.push({ where: `${rule.host ?? '*'}${p.path ?? '/'}`, backend: p.backend });
      if (ing.spec?.defaultBackend)
        backends.push({ where: 'defaultBackend', backend: ing.spec.defaultBackend });
      for (const { where, backend } of backends) {
        const ref = backend.service;
        if (!ref) continue;
        const port = ref.port?.number ?? ref.port?.name;
        const target = `${name} ${where} → service ${ref.name}:${port ?? '?'}`;
        const svc = services.find((x) => x.metadata?.name === ref.name);
        if (!svc) {
          broken.push(`${target}: no Service ${ref.name} in ${s.namespace}`);
          continue;
        }
        if (svc.spec?.type === 'ExternalName') {
          fine.push(target);
          continue;
        }
        const ports = svc.spec?.ports ?? [];
        const has = ports.some((p) =>
          ref.port?.number !== undefined ? p.port === ref.port.number : p.name === ref.port?.name,
        );
        if (!has) {
          const list =
            ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ') || 'none';
          broken.push(`${target}: Service ${ref.name} has no port ${port ?? '?'} (ports: ${list})`);
        } else fine.push(target);
      }
    }
    if (broken.length === 0)
      return { status: 'ok', summary: `${fine.length} backend(s) resolve to Service ports`, evidence: [] };
    return {
      status: 'fail',
      summary: `${broken.length} Ingress backend(s) point at a missing Service or port`,
      evidence: broken,
      proposals: [
        {
          cause: 'ingress-backend-missing',
          confidence: 'high',
          summary: `${broken[0]!.replace(/^ingress /, 'Ingress ')}: fix the Ingress backend or create the Service port.`,
        },
      ],
    };
  },
};
