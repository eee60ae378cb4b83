import type { Cause } from '../diagnosis/report.js';

/**
 * A simulated-cluster scenario: plain Kubernetes objects plus a few sim-only knobs.
 *
 * Pods are normally NOT listed: the sim's controllers materialise them from Deployments/StatefulSets
 * (ReplicaSets per revision, like the real controller) and give them realistic status, events and logs
 * according to the `sim.gw502.dev/behavior` annotation on the pod template (see `PodBehavior`).
 * Only the sim reads that annotation; gw502's checks read what a real cluster would show.
 */

/**
 * How pods made from a template behave. Each produces the status, events and logs a real kubelet would:
 * - `ready`: Running, Ready, listening on its container ports, answers the health path 200.
 * - `crash-loop`: CrashLoopBackOff, lastState terminated exitCode 1, restarts, error logs (previous).
 * - `oom`: lastState terminated reason OOMKilled exitCode 137, restarts, CrashLoopBackOff.
 * - `image-pull`: Waiting ErrImagePull / ImagePullBackOff, Failed events.
 * - `unschedulable`: Pending, PodScheduled=False reason Unschedulable, FailedScheduling event
 *   ("0/3 nodes are available: 3 Insufficient memory.").
 * - `readiness-failing`: Running, not Ready, Unhealthy events "Readiness probe failed: HTTP probe failed
 *   with statuscode: 503".
 * - `slow-startup`: liveness kills it before it is ready: Unhealthy "Liveness probe failed … connection
 *   refused", Killing events, restarts, lastState terminated exitCode 137 reason Error.
 * - `not-listening`: Running and Ready (probe on another port / exec) but nothing listens on the
 *   Service's port: the proxy logs connect() … (111: Connection refused).
 * - `slow`: Ready, but answers take `sim.gw502.dev/response-ms` (default 30000) ms.
 * - `closes-keepalive`: Ready, closes idle keep-alive connections after `sim.gw502.dev/keepalive-ms`
 *   (default 5000) — the proxy logs occasional "upstream prematurely closed" / 104 resets.
 * - `saturated`: Ready, near its CPU/memory limits (metrics), intermittent 502/504.
 */
export type PodBehavior =
  | 'ready'
  | 'crash-loop'
  | 'oom'
  | 'image-pull'
  | 'unschedulable'
  | 'readiness-failing'
  | 'slow-startup'
  | 'not-listening'
  | 'slow'
  | 'closes-keepalive'
  | 'saturated';

export const BEHAVIOR_ANNOTATION = 'sim.gw502.dev/behavior';

/** Any Kubernetes object as plain JSON (apiVersion, kind, metadata, spec, status…). */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
};

export interface Scenario {
  /** Unique id, kebab-case (`crash-loop`, `bad-rollout-distractor`). */
  name: string;
  description: string;
  /** The app and namespace to diagnose. */
  app: string;
  namespace: string;
  /** What `gw502 diagnose <app> <namespace>` must answer. */
  expectedCause: Cause;
  /**
   * Objects to create, in order (Namespaces, Deployments with their revision history as
   * `sim.gw502.dev/history` — see sim docs —, Services, Ingresses, NetworkPolicies, Secrets…).
   * Objects for the proxy (ingress-nginx namespace, controller Deployment) come from `withIngressNginx()`.
   */
  objects: KubeObject[];
  /** Extra ingress-nginx controller log lines (timestamps relative: `{{t-120s}}` = 120 s ago). */
  proxyLogLines?: string[];
  /** Requests the sim answers 403 to, to test RBAC handling. */
  forbidden?: { verb: string; resource: string; namespace?: string }[];
  /** metrics.k8s.io is absent (404) when false. Default true. */
  metricsServer?: boolean;
}
