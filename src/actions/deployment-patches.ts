import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import { REVISION_ANNOTATION } from './stale-guard.js';

/** One RFC 6902 operation, as sent with `Content-Type: application/json-patch+json`. */
export type JsonPatchOp =
  { op: 'test' | 'replace' | 'add'; path: string; value: unknown } | { op: 'remove'; path: string };

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Escape a map key for a JSON pointer (`kubectl.kubernetes.io/restartedAt` → `…~1restartedAt`). */
export function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Plain wire JSON: drops undefined fields and class prototypes, turns Dates into strings. */
export function toWire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The guard every write carries: the object is the one we read (uid) in the version we read
 * (resourceVersion). If anything wrote in between, the API server answers 422 and nothing is changed.
 */
function guard(live: V1Deployment): JsonPatchOp[] {
  return [
    { op: 'test', path: '/metadata/uid', value: live.metadata?.uid },
    { op: 'test', path: '/metadata/resourceVersion', value: live.metadata?.resourceVersion },
  ];
}

/** The ReplicaSets this Deployment owns, by their revision annotation. */
export function replicaSetForRevision(
  deployment: V1Deployment,
  replicaSets: V1ReplicaSet[],
  revision: number,
): V1ReplicaSet | undefined {
  const uid = deployment.metadata?.uid;
  return replicaSets.find(
    (rs) =>
      rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid) &&
      Number(rs.metadata.annotations?.[REVISION_ANNOTATION]) === revision,
  );
}

export function ownedRevisions(deployment: V1Deployment, replicaSets: V1ReplicaSet[]): number[] {
  const uid = deployment.metadata?.uid;
  return replicaSets
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid))
    .map((rs) => Number(rs.metadata?.annotations?.[REVISION_ANNOTATION]))
    .filter(Number.isInteger)
    .sort((a, b) => a - b);
}

/** The ReplicaSet's pod template as the Deployment would carry it: without the controller's hash label. */
export function templateForDeployment(rs: V1ReplicaSet): unknown {
  const template = toWire(rs.spec?.template ?? {}) as V1PodTemplateSpec;
  const labels = template.metadata?.labels;
  if (labels) {
    delete labels[POD_TEMPLATE_HASH];
    if (Object.keys(labels).length === 0) delete template.metadata?.labels;
  }
  return template;
}

/**
 * `kubectl rollout undo --to-revision=N`: replace the Deployment's pod template with that revision's.
 * Returns undefined when the template already is that revision's (kubectl: "skipped rollback").
 */
export function rollbackPatch(live: V1Deployment, rs: V1ReplicaSet): JsonPatchOp[] | undefined {
  const template = templateForDeployment(rs);
  if (stable(template) === stable(toWire(live.spec?.template ?? {}))) return undefined;
  return [...guard(live), { op: 'replace', path: '/spec/template', value: template }];
}

/** `kubectl rollout restart`: stamp the pod template so the controller rolls every pod. */
export function restartPatch(live: V1Deployment, now: Date): JsonPatchOp[] {
  const stamp = now.toISOString();
  const meta = live.spec?.template.metadata;
  const ops = guard(live);
  if (!meta) {
    ops.push({
      op: 'add',
      path: '/spec/template/metadata',
      value: { annotations: { [RESTARTED_AT_ANNOTATION]: stamp } },
    });
  } else if (!meta.annotations) {
    ops.push({
      op: 'add',
      path: '/spec/template/metadata/annotations',
      value: { [RESTARTED_AT_ANNOTATION]: stamp },
    });
  } else {
    ops.push({
      op: 'add',
      path: `/spec/template/metadata/annotations/${pointerKey(RESTARTED_AT_ANNOTATION)}`,
      value: stamp,
    });
  }
  return ops;
}
