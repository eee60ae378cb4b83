import type { ProxyAnswer, SimStore } from '../runtime.js';
import type { Pod, Service } from '../controllers/kube-types.js';
import { asObj } from '../controllers/kube-types.js';
import { backendPods, resolveTargetPort } from '../controllers/endpoints-controller.js';
import { isPodReady } from '../controllers/pod-readiness.js';
import { T } from '../controllers/resource-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import { appListening } from './container-timeline.js';
import { listeningPorts } from './behavior-of.js';
import { findPod, viewPod } from './pod-view.js';

const refused = (ip: string, port: number): ProxyAnswer => ({
  kind: 'unreachable',
  message: `error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`,
});

/**
 * What the app in `pod` answers on `port`. The API server's proxy comes from the control plane, which
 * NetworkPolicies for app ingress do not cover on common CNIs (host traffic is allowed), so policies do
 * not change this answer — they only affect ingress-nginx (see the traffic model).
 */
export function podAnswer(pod: Pod, port: number, memory: WorldMemory, now: number): ProxyAnswer {
  const view = viewPod(pod, memory, now);
  const ip = view.placement?.podIP;
  if (!ip)
    return {
      kind: 'unreachable',
      message: `error trying to reach service: pod ${pod.metadata.name} has no IP`,
    };
  const tl = view.timelineAt(now);
  const container = pod.spec?.containers[0];
  if (
    !container ||
    !appListening(view.profile, tl, now) ||
    !listeningPorts(container, view.profile).includes(port)
  ) {
    return refused(ip, port);
  }
  switch (view.profile.behavior) {
    case 'readiness-failing':
      return { kind: 'response', status: 503, body: 'Service Unavailable: dependency check failed' };
    case 'slow':
      return { kind: 'response', status: 200, body: 'ok', delayMs: view.profile.responseMs };
    case 'saturated':
      return { kind: 'response', status: 200, body: 'ok', delayMs: 1800 };
    default:
      return { kind: 'response', status: 200, body: 'ok' };
  }
}

function containerPortOf(pod: Pod, port: string | undefined): number | undefined {
  const ports = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
  if (!port) return ports[0]?.containerPort ?? 80;
  if (/^\d+$/.test(port)) return Number(port);
  return ports.find((p) => p.name === port)?.containerPort;
}

/** `GET …/{services|pods}/<name>[:port]/proxy/<path>` as the API server would answer it. */
export function proxyRequest(
  store: SimStore,
  memory: WorldMemory,
  target: { namespace: string; resource: 'services' | 'pods'; name: string; port?: string; path: string },
  now: number,
): ProxyAnswer {
  if (target.resource === 'pods') {
    const pod = findPod(store, target.namespace, target.name);
    if (!pod) return { kind: 'response', status: 404, body: `pods "${target.name}" not found` };
    const port = containerPortOf(pod, target.port);
    if (port === undefined)
      return { kind: 'unreachable', message: `error trying to reach service: unknown port "${target.port}"` };
    return podAnswer(pod, port, memory, now);
  }
  const o = store.get(T.services, target.namespace, target.name);
  if (!o) return { kind: 'response', status: 404, body: `services "${target.name}" not found` };
  const svc = asObj<Service>(o);
  if (svc.spec?.type === 'ExternalName') {
    return {
      kind: 'unreachable',
      message: `error trying to reach service: dial tcp: lookup ${svc.spec.externalName} on 10.96.0.10:53: no such host`,
    };
  }
  const noEndpoints: ProxyAnswer = {
    kind: 'response',
    status: 503,
    body: `no endpoints available for service "${target.name}"`,
  };
  const ports = svc.spec?.ports ?? [];
  const sp = target.port
    ? ports.find((p) => p.name === target.port || String(p.port) === target.port)
    : ports[0];
  if (!sp) return noEndpoints;
  const candidates = backendPods(store, svc)
    .filter((p) => isPodReady(p, now))
    .map((p) => ({ pod: p, port: resolveTargetPort(sp, p) }))
    .filter((c): c is { pod: Pod; port: number } => c.port !== undefined);
  if (candidates.length === 0) return noEndpoints;
  const pick = candidates[Math.floor(now / 1000) % candidates.length]!;
  return podAnswer(pick.pod, pick.port, memory, now);
}
