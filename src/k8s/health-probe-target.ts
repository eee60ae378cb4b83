import type { V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import { matchesLabelMap } from './label-selector.js';

export interface ProbeTarget {
  service: string;
  /** `name:port` as the API server's service proxy wants it. */
  portRef: string;
  path: string;
}

/** Services an app's traffic goes through: selecting its pods, or named in an Ingress / like the app. */
export function servicesForApp(
  app: string,
  pods: V1Pod[],
  services: V1Service[],
  ingresses: V1Ingress[],
): V1Service[] {
  const selecting = services.filter((s) =>
    pods.some((p) => matchesLabelMap(p.metadata?.labels, s.spec?.selector)),
  );
  if (selecting.length > 0) return selecting;
  const routed = new Set(
    ingresses.flatMap((i) => [
      i.spec?.defaultBackend?.service?.name,
      ...(i.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend.service?.name)),
    ]),
  );
  return services.filter((s) => s.metadata?.name === app || routed.has(s.metadata?.name));
}

/**
 * The runbook's `curl http://<service>:<port>/health`, through the API server: the app's Service and the
 * path its readiness (else liveness) probe uses, falling back to /health.
 */
export function pickHealthProbeTarget(
  app: string,
  pods: V1Pod[],
  services: V1Service[],
  ingresses: V1Ingress[],
): ProbeTarget | undefined {
  const svc = servicesForApp(app, pods, services, ingresses)[0];
  const port = svc?.spec?.ports?.[0];
  if (!svc?.metadata?.name || !port) return undefined;
  const containers = pods[0]?.spec?.containers ?? [];
  const probe = containers.map((c) => c.readinessProbe?.httpGet ?? c.livenessProbe?.httpGet).find(Boolean);
  return {
    service: svc.metadata.name,
    portRef: `${svc.metadata.name}:${port.name ?? port.port}`,
    path: probe?.path ?? '/health',
  };
}
