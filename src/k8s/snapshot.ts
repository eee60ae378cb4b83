import type {
  CoreV1Event,
  V1Deployment,
  V1EndpointSlice,
  V1Ingress,
  V1NetworkPolicy,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
  V1ControllerRevision,
  V1ConfigMap,
} from '@kubernetes/client-node';

/**
 * Everything one diagnosis reads from the cluster, fetched once by `load-snapshot.ts`. Checks are pure
 * functions of this object, so they are testable with plain objects and API calls stay O(1) in pod count.
 */

/** Why a piece of the snapshot is missing: checks turn this into status `error` (or `skipped`). */
export interface FetchError {
  /** HTTP status from the API server, 0 when the request never got an answer. */
  status: number;
  /** e.g. `list`, `get`. */
  verb: string;
  /** e.g. `pods`, `networkpolicies.networking.k8s.io`, `pods/log`. */
  resource: string;
  namespace?: string;
  message: string;
}

/** A value the loader either got, or could not get (forbidden, not served, unreachable). */
export type Fetched<T> = { ok: true; value: T } | { ok: false; error: FetchError };

export interface PodMetrics {
  pod: string;
  containers: { name: string; cpuMillicores: number; memoryBytes: number }[];
}

export interface ContainerLog {
  pod: string;
  container: string;
  /** True when these are the logs of the previous (crashed) instance. */
  previous: boolean;
  lines: string[];
}

/** A Helm release revision decoded from `sh.helm.release.v1.<name>.v<rev>` Secrets. */
export interface HelmReleaseRevision {
  name: string;
  revision: number;
  /** deployed, superseded, failed, pending-upgrade, … */
  status: string;
  chart?: string;
  appVersion?: string;
  updated?: string;
}

/** Result of an HTTP GET of the app's health path through the API server's service (or pod) proxy. */
export interface HealthProbe {
  via: 'service-proxy' | 'pod-proxy';
  /** The URL path on the API server that was requested (for evidence). */
  url: string;
  /** HTTP status the API server returned (the app's own status when it answered). */
  status?: number;
  /** Body excerpt or the API server's error message ("dial tcp …: connect: connection refused"). */
  message?: string;
  durationMs: number;
  /** Set when no answer arrived within the timeout. */
  timedOut?: boolean;
}

export interface ProxySnapshot {
  namespace: string;
  deploymentName: string;
  deployment: Fetched<V1Deployment | undefined>;
  pods: Fetched<V1Pod[]>;
  /** Labels of the proxy's namespace (NetworkPolicy namespaceSelector evaluation). */
  namespaceLabels: Fetched<Record<string, string>>;
  /** Recent controller log lines (all pods of the proxy deployment, newest last). */
  logs: Fetched<string[]>;
  /** The controller ConfigMap (global timeouts, keep-alive), when found. */
  configMap: Fetched<V1ConfigMap | undefined>;
}

export interface ClusterSnapshot {
  app: string;
  namespace: string;
  /** The diagnosed workload; undefined when only bare pods (or nothing) match. */
  workload: Fetched<
    { kind: 'Deployment'; object: V1Deployment } | { kind: 'StatefulSet'; object: V1StatefulSet } | undefined
  >;
  /** ReplicaSets owned by the Deployment (revision history), empty for StatefulSets. */
  replicaSets: Fetched<V1ReplicaSet[]>;
  /** ControllerRevisions of a StatefulSet. */
  controllerRevisions: Fetched<V1ControllerRevision[]>;
  /** The app's pods (selected by the workload's selector, or app / app.kubernetes.io/name labels). */
  pods: Fetched<V1Pod[]>;
  /** All Services in the namespace (selector matching is done by checks). */
  services: Fetched<V1Service[]>;
  /** EndpointSlices in the namespace (label kubernetes.io/service-name ties them to Services). */
  endpointSlices: Fetched<V1EndpointSlice[]>;
  /** All Ingresses in the namespace. */
  ingresses: Fetched<V1Ingress[]>;
  networkPolicies: Fetched<V1NetworkPolicy[]>;
  /** Warning events in the namespace (type=Warning field selector). */
  events: Fetched<CoreV1Event[]>;
  /** metrics.k8s.io; `ok:false` with status 404 when metrics-server is not installed. */
  podMetrics: Fetched<PodMetrics[]>;
  /** Labels of the app's namespace. */
  namespaceLabels: Fetched<Record<string, string>>;
  /** False when the namespace itself does not exist (→ app-not-found); undefined when unknown (403). */
  namespaceExists?: boolean;
  /** Logs of failing containers (previous instance when restarted), last 50 lines. */
  containerLogs: ContainerLog[];
  /** Helm history of the release that manages the workload, when Helm-managed. */
  helmHistory: Fetched<HelmReleaseRevision[]>;
  proxy: ProxySnapshot;
  /** Health-path probe through the API server proxy; `ok:false` when RBAC forbids or nothing to probe. */
  healthProbe: Fetched<HealthProbe | undefined>;
  /** When the snapshot was taken (checks compare event/log times against it). */
  takenAt: Date;
}
