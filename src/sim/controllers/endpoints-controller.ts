import type { SimStore } from '../runtime.js';
import { randomSuffix, seededRandom } from '../behaviors/seeded-random.js';
import { NODES } from './placement.js';
import type { Pod, Service, ServicePort } from './kube-types.js';
import {
  asObj,
  clone,
  controllerRef,
  iso,
  mapSelectorMatches,
  stableStringify,
  toKube,
} from './kube-types.js';
import { isPodReady } from './pod-readiness.js';
import { T } from './resource-types.js';

/** A Service port's targetPort on one pod: a number as is, a name via the pod's container ports. */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const found = c.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (found) return found.containerPort;
  }
  return undefined;
}

/** Pods that back a Service: same namespace, selected, with an IP, not finished. */
export function backendPods(store: SimStore, svc: Service): Pod[] {
  return store
    .list(T.pods, svc.metadata.namespace)
    .map((o) => asObj<Pod>(o))
    .filter((p) => mapSelectorMatches(svc.spec?.selector, p.metadata.labels))
    .filter((p) => {
      const st = p.status as { podIP?: string; phase?: string } | undefined;
      return !!st?.podIP && st.phase !== 'Succeeded' && st.phase !== 'Failed';
    })
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

function sliceName(svc: Service): string {
  return `${svc.metadata.name}-${randomSuffix(seededRandom('slice', svc.metadata.namespace ?? '', svc.metadata.name))}`;
}

function upsert(
  store: SimStore,
  type: typeof T.endpointslices | typeof T.endpoints,
  body: Record<string, unknown> & { metadata: { name: string; namespace?: string } },
) {
  const existing = store.get(type, body.metadata.namespace, body.metadata.name);
  if (!existing) {
    store.create(toKube(body as never));
    return;
  }
  const strip = (o: Record<string, unknown>) => {
    const { metadata: _m, ...rest } = o;
    return stableStringify(rest);
  };
  if (strip(existing) === strip(body)) return;
  store.update({ ...clone(existing), ...body, metadata: existing.metadata });
}

/**
 * The EndpointSlice controller and the legacy Endpoints controller: ready pods as ready endpoints,
 * running-but-unready ones as not ready, ports resolved per pod — a named targetPort no container
 * defines simply leaves the port out, as the real controllers do.
 */
export function reconcileEndpoints(store: SimStore, now: number): void {
  for (const o of store.list(T.services)) {
    const svc = asObj<Service>(o);
    if (
      svc.spec?.type === 'ExternalName' ||
      !svc.spec?.selector ||
      Object.keys(svc.spec.selector).length === 0
    )
      continue;
    const ns = svc.metadata.namespace;
    const pods = backendPods(store, svc);
    const servicePorts = svc.spec.ports ?? [];
    const entries = pods.map((p) => {
      const ready = isPodReady(p, now);
      const ports = servicePorts
        .map((sp) => ({ sp, port: resolveTargetPort(sp, p) }))
        .filter((x): x is { sp: ServicePort; port: number } => x.port !== undefined)
        .map(({ sp, port }) => ({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }));
      const st = p.status as { podIP: string };
      return { pod: p, ready, ip: st.podIP, ports };
    });
    const publishNotReady = svc.spec.publishNotReadyAddresses === true;
    const portSet = entries[0]?.ports ?? [];
    const trigger = iso(Math.floor(now / 1000) * 1000);
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName(svc),
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels: {
          ...(svc.metadata.labels ?? {}),
          'kubernetes.io/service-name': svc.metadata.name,
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger },
        ownerReferences: [controllerRef(svc)],
      },
      addressType: 'IPv4',
      endpoints: entries.map((e) => ({
        addresses: [e.ip],
        conditions: {
          ready: e.ready || publishNotReady,
          serving: e.ready || publishNotReady,
          terminating: false,
        },
        nodeName: e.pod.spec?.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: e.pod.metadata.name, uid: e.pod.metadata.uid },
        zone: `zone-${NODES.find((n) => n.name === e.pod.spec?.nodeName)?.cidr ?? 1}`,
      })),
      ...(portSet.length ? { ports: portSet } : {}),
    };
    upsert(store, T.endpointslices, slice);

    const ready = entries.filter((e) => e.ready || publishNotReady);
    const notReady = entries.filter((e) => !(e.ready || publishNotReady));
    const addr = (e: (typeof entries)[number]) => ({
      ip: e.ip,
      nodeName: e.pod.spec?.nodeName,
      targetRef: { kind: 'Pod', namespace: ns, name: e.pod.metadata.name, uid: e.pod.metadata.uid },
    });
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: svc.metadata.name,
        namespace: ns,
        labels: { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/skip-mirror': 'true' },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger },
      },
      ...(entries.length && portSet.length
        ? {
            subsets: [
              {
                ...(ready.length ? { addresses: ready.map(addr) } : {}),
                ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}),
                ports: portSet,
              },
            ],
          }
        : {}),
    };
    upsert(store, T.endpoints, endpoints);
  }
}
