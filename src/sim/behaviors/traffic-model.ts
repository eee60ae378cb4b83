import type { SimStore } from '../runtime.js';
import type { Obj, Pod, Service, ServicePort } from '../controllers/kube-types.js';
import { asObj } from '../controllers/kube-types.js';
import { backendPods, resolveTargetPort } from '../controllers/endpoints-controller.js';
import { T } from '../controllers/resource-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import { listeningPorts } from './behavior-of.js';
import { appListening } from './container-timeline.js';
import type { TrafficSource } from './network-policy.js';
import { ingressAllowed } from './network-policy.js';
import type { PodView } from './pod-view.js';
import { viewPod } from './pod-view.js';

type Ingress = Obj<{
  ingressClassName?: string;
  rules?: {
    host?: string;
    http?: {
      paths: {
        path?: string;
        backend: { service?: { name: string; port?: { number?: number; name?: string } } };
      }[];
    };
  }[];
}>;

/** One Ingress rule path that sends traffic to a Service. */
export interface Route {
  namespace: string;
  ingress: string;
  host: string;
  path: string;
  serviceName: string;
  portRef: number | string;
  annotations: Record<string, string>;
}

export function routesOf(store: SimStore): Route[] {
  const routes: Route[] = [];
  for (const o of store.list(T.ingresses)) {
    const ing = asObj<Ingress>(o);
    const cls =
      ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'] ?? 'nginx';
    if (cls !== 'nginx') continue;
    for (const rule of ing.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) {
        const s = p.backend.service;
        if (!s) continue;
        routes.push({
          namespace: ing.metadata.namespace ?? 'default',
          ingress: ing.metadata.name,
          host: rule.host ?? '_',
          path: p.path ?? '/',
          serviceName: s.name,
          portRef: s.port?.number ?? s.port?.name ?? 80,
          annotations: ing.metadata.annotations ?? {},
        });
      }
    }
  }
  return routes;
}

/** `$proxy_upstream_name`: `<namespace>-<service>-<port>` (the port as written in the Ingress). */
export function upstreamName(r: Route): string {
  return `${r.namespace}-${r.serviceName}-${r.portRef}`;
}

export type Outcome =
  | { kind: 'ok'; addr: string; ms: number }
  | { kind: 'no-endpoints' }
  | { kind: 'dns'; name: string }
  | {
      kind: 'refused' | 'reset' | 'premature' | 'read-timeout' | 'connect-timeout';
      addr: string;
      ms: number;
    };

/** The backend as ingress-nginx sees it: resolved once per log request, evaluated per request time. */
export interface Backend {
  route: Route;
  externalName?: string;
  servicePort?: ServicePort;
  /** Pods with the port each is reached on, and whether the proxy may reach them. */
  targets: { view: PodView; port: number; allowed: boolean }[];
  readTimeoutS: number;
  connectTimeoutS: number;
}

export function resolveBackend(
  store: SimStore,
  memory: WorldMemory,
  route: Route,
  proxy: TrafficSource,
  now: number,
): Backend {
  const num = (k: string, d: number) =>
    Number(route.annotations[`nginx.ingress.kubernetes.io/${k}`] ?? d) || d;
  const base: Backend = {
    route,
    targets: [],
    readTimeoutS: num('proxy-read-timeout', 60),
    connectTimeoutS: num('proxy-connect-timeout', 5),
  };
  const o = store.get(T.services, route.namespace, route.serviceName);
  if (!o) return base;
  const svc = asObj<Service>(o);
  if (svc.spec?.type === 'ExternalName') return { ...base, externalName: svc.spec.externalName ?? '' };
  const sp = (svc.spec?.ports ?? []).find(
    (p) => p.port === route.portRef || (p.name !== undefined && p.name === route.portRef),
  );
  if (!sp) return base;
  const targets = backendPods(store, svc).flatMap((pod: Pod) => {
    const port = resolveTargetPort(sp, pod);
    if (port === undefined) return [];
    const portName = pod.spec?.containers
      .flatMap((c) => c.ports ?? [])
      .find((p) => p.containerPort === port)?.name;
    return [
      { view: viewPod(pod, memory, now), port, allowed: ingressAllowed(store, pod, port, portName, proxy) },
    ];
  });
  return { ...base, servicePort: sp, targets };
}

/** Is the pod an endpoint the proxy sends to at `t` — ready, or a crash-looper still listed just around a crash? */
function routable(v: PodView, t: number): boolean {
  if (t < v.bornMs) return false;
  const tl = v.timelineAt(t);
  if (tl.ready) return true;
  const crashy = v.profile.behavior === 'crash-loop' || v.profile.behavior === 'oom';
  return crashy && tl.exits.some((e) => t >= e.finishedAt - 5000 && t <= e.finishedAt + 10_000);
}

/** What one request at `t` experiences; `r` is the request's own random source. */
export function outcomeAt(b: Backend, t: number, r: () => number): Outcome {
  if (b.externalName !== undefined) {
    return /\.svc\.cluster\.local\.?$/.test(b.externalName)
      ? { kind: 'no-endpoints' }
      : { kind: 'dns', name: b.externalName };
  }
  const live = b.targets.filter((x) => routable(x.view, t));
  if (live.length === 0) return { kind: 'no-endpoints' };
  const target = live[Math.floor(r() * live.length)]!;
  const addr = `${target.view.placement?.podIP ?? '0.0.0.0'}:${target.port}`;
  const fast = 0.003 + r() * 0.06;
  if (!target.allowed) return { kind: 'connect-timeout', addr, ms: b.connectTimeoutS };
  const container = target.view.pod.spec?.containers[0];
  const tl = target.view.timelineAt(t);
  const p = target.view.profile;
  if (!container || !appListening(p, tl, t) || !listeningPorts(container, p).includes(target.port)) {
    return {
      kind: r() < 0.3 && (p.behavior === 'crash-loop' || p.behavior === 'oom') ? 'reset' : 'refused',
      addr,
      ms: 0.001,
    };
  }
  switch (p.behavior) {
    case 'slow': {
      const s = p.responseMs / 1000;
      return s >= b.readTimeoutS
        ? { kind: 'read-timeout', addr, ms: b.readTimeoutS }
        : { kind: 'ok', addr, ms: s };
    }
    case 'closes-keepalive': {
      const x = r();
      if (x < 0.06) return { kind: 'premature', addr, ms: fast };
      if (x < 0.09) return { kind: 'reset', addr, ms: fast };
      return { kind: 'ok', addr, ms: fast };
    }
    case 'saturated': {
      const x = r();
      if (x < 0.08) return { kind: 'reset', addr, ms: 1.2 + r() };
      if (x < 0.14) return { kind: 'read-timeout', addr, ms: b.readTimeoutS };
      return { kind: 'ok', addr, ms: 1.5 + r() * 2.5 };
    }
    case 'readiness-failing':
      return { kind: 'ok', addr, ms: fast };
    default:
      return { kind: 'ok', addr, ms: fast };
  }
}
