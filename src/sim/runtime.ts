import type { KubeObject } from './scenario.js';

/**
 * The seam between the simulated API server (`api-server.ts`, `store.ts`: HTTP, storage, selectors,
 * watch, patch) and the simulated world behind it (`controllers/`, `behaviors/`: what the kubelet,
 * the Deployment controller, metrics-server, the pods and the ingress controller would do).
 */

/** Identifies a resource type: `{ group: '', version: 'v1', plural: 'pods' }`, apps/v1 deployments… */
export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

export interface SimStore {
  /** Objects of one type, optionally in one namespace (no selectors: callers filter). */
  list(type: ResourceType, namespace?: string): KubeObject[];
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Creates (assigning uid, resourceVersion, creationTimestamp, generation) and notifies watchers. */
  create(obj: KubeObject): KubeObject;
  /** Replaces; bumps resourceVersion (and generation when spec changed) and notifies watchers. */
  update(obj: KubeObject): KubeObject;
  delete(type: ResourceType, namespace: string | undefined, name: string): void;
  /** Resolve a type from apiVersion + kind (`apps/v1`, `Deployment`). */
  typeOf(apiVersion: string, kind: string): ResourceType;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
}

/** Answer to a GET through the API server's service or pod proxy (`…/services/name:port/proxy/path`). */
export type ProxyAnswer =
  | { kind: 'response'; status: number; body: string; delayMs?: number }
  /** The API server could not reach the backend; it answers 503 with this message (like the real one). */
  | { kind: 'unreachable'; message: string };

export interface PodMetricsItem {
  name: string;
  namespace: string;
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

export interface SimRuntime {
  /** Called after every write (and on a timer): bring dependent objects to their desired state. */
  reconcile(store: SimStore, now: Date): void;
  /** Pod logs; throws an error with `statusCode` 400 for unknown container / no previous instance. */
  logs(store: SimStore, req: LogRequest, now: Date): string[];
  proxy(
    store: SimStore,
    target: { namespace: string; resource: 'services' | 'pods'; name: string; port?: string; path: string },
    now: Date,
  ): ProxyAnswer;
  /** metrics.k8s.io pods; undefined when metrics-server is absent (the API answers 404). */
  podMetrics(store: SimStore, namespace: string, now: Date): PodMetricsItem[] | undefined;
}
