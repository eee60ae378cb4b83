import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';

/** The workload a rollout is waited on: what `kubectl rollout status` accepts for an app. */
export type RolloutWorkload =
  { kind: 'Deployment'; object: V1Deployment } | { kind: 'StatefulSet'; object: V1StatefulSet };

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** `deployment/checkout`, the form kubectl and the remediation actions use. */
export function workloadRef(w: RolloutWorkload): string {
  return `${w.kind.toLowerCase()}/${w.object.metadata?.name ?? ''}`;
}

/** The revision being rolled out: the Deployment's revision number, or the StatefulSet's update revision. */
export function rolloutRevision(w: RolloutWorkload): string | undefined {
  if (w.kind === 'Deployment') return w.object.metadata?.annotations?.[REVISION_ANNOTATION];
  return w.object.status?.updateRevision;
}

/** Ready replicas against desired, for the success line. */
export function readyReplicas(w: RolloutWorkload): { ready: number; desired: number } {
  return { ready: w.object.status?.readyReplicas ?? 0, desired: w.object.spec?.replicas ?? 1 };
}
