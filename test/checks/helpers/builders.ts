import type {
  CoreV1Event,
  V1Container,
  V1ContainerStatus,
  V1Deployment,
  V1EndpointSlice,
  V1Ingress,
  V1NetworkPolicy,
  V1Pod,
  V1ReplicaSet,
  V1Service,
} from '@kubernetes/client-node';
import type { FetchError, Fetched } from '../../../src/k8s/snapshot.js';

/** Times are fixed so evidence lines are stable: the snapshot is taken at 15:05:00Z. */
export const NOW = new Date('2026-12-02T15:05:00Z');
export const ago = (seconds: number): Date => new Date(NOW.getTime() - seconds * 1000);

export const ok = <T>(value: T): Fetched<T> => ({ ok: true, value });
export const forbidden = (verb: string, resource: string, namespace?: string): Fetched<never> => ({
  ok: false,
  error: {
    status: 403,
    verb,
    resource,
    namespace,
    message: `${resource} is forbidden: User "system:serviceaccount:ops:gw502" cannot ${verb} resource "${resource}"${namespace ? ` in API group "" in the namespace "${namespace}"` : ''}`,
  } satisfies FetchError,
});
export const notFound = (resource: string): Fetched<never> => ({
  ok: false,
  error: { status: 404, verb: 'list', resource, message: 'the server could not find the requested resource' },
});

export function container(name: string, opts: Partial<V1Container> = {}): V1Container {
  return {
    name,
    image: `registry.example.com/shop/${name}:1.4.2`,
    ports: [{ name: 'http', containerPort: 8080 }],
    ...opts,
  };
}

export const readyStatus = (name: string, startedSecondsAgo = 3600): V1ContainerStatus => ({
  name,
  image: `registry.example.com/shop/${name}:1.4.2`,
  imageID: '',
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: ago(startedSecondsAgo) } },
});

export interface PodOpts {
  ip?: string;
  rs?: string;
  labels?: Record<string, string>;
  containers?: V1Container[];
  statuses?: V1ContainerStatus[];
  ready?: boolean;
  phase?: string;
  startedSecondsAgo?: number;
  conditions?: NonNullable<V1Pod['status']>['conditions'];
}

export function pod(name: string, opts: PodOpts = {}): V1Pod {
  const containers = opts.containers ?? [
    container('checkout', {
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
    }),
  ];
  const ready = opts.ready ?? true;
  const started = ago(opts.startedSecondsAgo ?? 3600);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: opts.labels ?? { app: 'checkout', 'pod-template-hash': '7d9f' },
      creationTimestamp: started,
      ownerReferences: opts.rs
        ? [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: opts.rs,
              uid: `uid-${opts.rs}`,
              controller: true,
            },
          ]
        : [],
    },
    spec: { containers, nodeName: 'node-a' },
    status: {
      phase: opts.phase ?? 'Running',
      podIP: opts.ip,
      podIPs: opts.ip ? [{ ip: opts.ip }] : [],
      startTime: started,
      conditions: opts.conditions ?? [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
      ],
      containerStatuses:
        opts.statuses ?? containers.map((c) => ({ ...readyStatus(c.name, opts.startedSecondsAgo), ready })),
    },
  };
}

export function crashLoopStatus(
  name: string,
  restarts: number,
  exitCode = 1,
  reason = 'Error',
): V1ContainerStatus {
  return {
    name,
    image: `registry.example.com/shop/${name}:1.5.0`,
    imageID: '',
    ready: false,
    started: false,
    restartCount: restarts,
    state: {
      waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${name}` },
    },
    lastState: {
      terminated: { exitCode, reason, startedAt: ago(200), finishedAt: new Date('2026-12-02T15:02:11Z') },
    },
  };
}

export function deployment(
  name: string,
  opts: {
    revision?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    replicas?: number;
    containers?: V1Container[];
  } = {},
): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      resourceVersion: '1001',
      generation: opts.revision ?? 1,
      labels: { app: name, ...opts.labels },
      annotations: { 'deployment.kubernetes.io/revision': String(opts.revision ?? 1), ...opts.annotations },
    },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: opts.containers ?? [container(name)] },
      },
    },
    status: { replicas: opts.replicas ?? 2, readyReplicas: opts.replicas ?? 2 },
  };
}

export function replicaSet(
  name: string,
  revision: number,
  opts: { replicas?: number; ready?: number; image?: string; createdSecondsAgo?: number } = {},
): V1ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      creationTimestamp: ago(opts.createdSecondsAgo ?? 3600),
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'checkout',
          uid: 'uid-checkout',
          controller: true,
        },
      ],
    },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: 'checkout' } },
      template: {
        spec: {
          containers: [
            container('checkout', { image: opts.image ?? 'registry.example.com/shop/checkout:1.4.2' }),
          ],
        },
      },
    },
    status: { replicas: opts.replicas ?? 2, readyReplicas: opts.ready ?? opts.replicas ?? 2 },
  };
}

export function service(
  name: string,
  selector: Record<string, string> | undefined,
  ports: { port: number; targetPort?: number | string; name?: string }[] = [
    { port: 80, targetPort: 'http', name: 'http' },
  ],
): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop' },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.12.34',
      selector,
      ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
    },
  };
}

export function endpointSlice(
  svc: string,
  endpoints: { ip: string; ready: boolean; pod?: string }[],
  port = 8080,
): V1EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    addressType: 'IPv4',
    metadata: { name: `${svc}-abc12`, namespace: 'shop', labels: { 'kubernetes.io/service-name': svc } },
    ports: [{ name: 'http', port, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready, serving: e.ready, terminating: false },
      targetRef: e.pod ? { kind: 'Pod', name: e.pod, namespace: 'shop' } : undefined,
    })),
  };
}

export function ingress(
  name: string,
  backends: { host?: string; path?: string; service: string; port: number | string }[],
  annotations: Record<string, string> = {},
): V1Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'shop', annotations },
    spec: {
      ingressClassName: 'nginx',
      rules: backends.map((b) => ({
        host: b.host ?? 'shop.example.com',
        http: {
          paths: [
            {
              path: b.path ?? '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: b.service,
                  port: typeof b.port === 'number' ? { number: b.port } : { name: b.port },
                },
              },
            },
          ],
        },
      })),
    },
  };
}

export function networkPolicy(name: string, spec: V1NetworkPolicy['spec']): V1NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'shop' },
    spec,
  };
}

let eventSeq = 0;
export function event(
  kind: string,
  name: string,
  reason: string,
  message: string,
  opts: { count?: number; secondsAgo?: number } = {},
): CoreV1Event {
  eventSeq += 1;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    type: 'Warning',
    metadata: { name: `${name}.${eventSeq}`, namespace: 'shop' },
    involvedObject: { kind, name, namespace: 'shop' },
    reason,
    message,
    count: opts.count ?? 1,
    firstTimestamp: ago((opts.secondsAgo ?? 60) + 600),
    lastTimestamp: ago(opts.secondsAgo ?? 60),
  };
}
