import type { SimStore } from '../runtime.js';
import { eventuallyReady, templateProfile } from '../behaviors/behavior-of.js';
import { recordEvent } from './event-recorder.js';
import type { Deployment, Pod, PodTemplate, ReplicaSet } from './kube-types.js';
import { asObj, clone, controllerRef, isControlledBy, iso, toKube } from './kube-types.js';
import { planRollout, resolveFenceposts } from './rollout-plan.js';
import { T } from './resource-types.js';
import { computePodTemplateHash, POD_TEMPLATE_HASH, templatesEqual } from './template-hash.js';
import type { WorldMemory } from './world-memory.js';
import { isPodReady } from './pod-readiness.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** Sim-only: JSON array of earlier pod templates, oldest first (revisions 1..n-1). Removed once read. */
export const HISTORY_ANNOTATION = 'sim.gw502.dev/history';
/** Sim-only: how long ago the current template was rolled out (default 900 s with history, else 1800 s). */
export const AGE_ANNOTATION = 'sim.gw502.dev/age-seconds';

const DAY = 86_400_000;

export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION] ?? '0') || 0;
}

export function ownedReplicaSets(store: SimStore, d: Deployment): ReplicaSet[] {
  return store
    .list(T.replicasets, d.metadata.namespace)
    .map((o) => asObj<ReplicaSet>(o))
    .filter((rs) => isControlledBy(rs, d));
}

/** Pods grouped by their controller's uid: one list call instead of one per owner. */
export function podsByOwner(store: SimStore, namespace?: string): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const o of store.list(T.pods, namespace)) {
    const pod = asObj<Pod>(o);
    const uid = pod.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (!uid) continue;
    const list = out.get(uid);
    if (list) list.push(pod);
    else out.set(uid, [pod]);
  }
  return out;
}

export function podsOf(store: SimStore, owner: ReplicaSet): Pod[] {
  return store
    .list(T.pods, owner.metadata.namespace)
    .map((o) => asObj<Pod>(o))
    .filter((p) => isControlledBy(p, owner));
}

function newReplicaSetObject(
  d: Deployment,
  template: PodTemplate,
  revision: number,
  replicas: number,
  createdMs?: number,
) {
  const hash = computePodTemplateHash(template);
  const t = clone(template);
  t.metadata = { ...t.metadata, labels: { ...(t.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const desired = d.spec?.replicas ?? 1;
  const { surge } = resolveFenceposts({
    replicas: desired,
    maxSurge: d.spec?.strategy?.rollingUpdate?.maxSurge,
    maxUnavailable: d.spec?.strategy?.rollingUpdate?.maxUnavailable,
  });
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(t.metadata.labels ?? {}) },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(desired),
        'deployment.kubernetes.io/max-replicas': String(desired + surge),
        [REVISION]: String(revision),
      },
      ownerReferences: [controllerRef(d)],
      ...(createdMs !== undefined ? { creationTimestamp: iso(createdMs) } : {}),
    },
    spec: {
      replicas,
      selector: {
        ...d.spec!.selector,
        matchLabels: { ...(d.spec!.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash },
      },
      template: t,
    },
  };
  return rs;
}

function scalingEvent(store: SimStore, d: Deployment, rs: ReplicaSet, from: number, to: number, at: number) {
  if (from === to) return;
  recordEvent(store, d, {
    reason: 'ScalingReplicaSet',
    message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
    type: 'Normal',
    component: 'deployment-controller',
    count: 1,
    first: at,
    last: at,
  });
}

/**
 * First sight of a scenario Deployment: materialise its history as it would look on a cluster that has
 * run it for days — old ReplicaSets at 0, the previous one serving, and the current rollout as far as the
 * RollingUpdate arithmetic takes it when new pods never (or do) become ready.
 */
function materialise(store: SimStore, memory: WorldMemory, d: Deployment, now: number): void {
  const ann = d.metadata.annotations ?? {};
  let history: PodTemplate[] = [];
  try {
    history = ann[HISTORY_ANNOTATION] ? (JSON.parse(ann[HISTORY_ANNOTATION]) as PodTemplate[]) : [];
  } catch {
    history = [];
  }
  history = history.filter((t) => !templatesEqual(t, d.spec!.template));
  const ageS = Number(ann[AGE_ANNOTATION] ?? (history.length ? 900 : 1800)) || 0;
  const rolloutAt = now - ageS * 1000;
  const desired = d.spec?.replicas ?? 1;
  if (ann[HISTORY_ANNOTATION] !== undefined || ann[AGE_ANNOTATION] !== undefined) {
    const stripped = clone(d);
    delete stripped.metadata.annotations?.[HISTORY_ANNOTATION];
    delete stripped.metadata.annotations?.[AGE_ANNOTATION];
    Object.assign(d, asObj<Deployment>(store.update(toKube(stripped))));
  }
  if (ownedReplicaSets(store, d).length > 0) return;

  const created: ReplicaSet[] = [];
  history.forEach((template, i) => {
    const isPrevious = i === history.length - 1;
    const createdMs = rolloutAt - (history.length - i) * DAY;
    const rs = asObj<ReplicaSet>(
      store.create(toKube(newReplicaSetObject(d, template, i + 1, isPrevious ? desired : 0, createdMs))),
    );
    if (isPrevious) memory.ageNextPods(rs.metadata.uid ?? '', createdMs);
    created.push(rs);
  });
  const current = asObj<ReplicaSet>(
    store.create(
      toKube(
        newReplicaSetObject(d, d.spec!.template, history.length + 1, history.length ? 0 : desired, rolloutAt),
      ),
    ),
  );
  memory.ageNextPods(current.metadata.uid ?? '', rolloutAt);
  const previous = created[created.length - 1];
  if (!previous) {
    scalingEvent(store, d, current, 0, desired, rolloutAt);
    memory.progress.set(d.metadata.uid ?? '', { signature: '', at: rolloutAt });
    return;
  }
  // Settle the rollout with predicted readiness: new pods count as available only if they ever get ready.
  const good = eventuallyReady(templateProfile(d.spec!.template), d.spec!.template.spec.containers[0]);
  let newReplicas = 0;
  let oldReplicas = desired;
  for (let i = 0; i < 50; i++) {
    const plan = planRollout({
      replicas: desired,
      maxSurge: d.spec?.strategy?.rollingUpdate?.maxSurge,
      maxUnavailable: d.spec?.strategy?.rollingUpdate?.maxUnavailable,
      recreate: d.spec?.strategy?.type === 'Recreate',
      newRs: {
        name: current.metadata.name,
        replicas: newReplicas,
        pods: newReplicas,
        available: good ? newReplicas : 0,
      },
      oldRs: [
        { name: previous.metadata.name, replicas: oldReplicas, pods: oldReplicas, available: oldReplicas },
      ],
    });
    const old = plan.oldReplicas[0] ?? 0;
    if (plan.newReplicas === newReplicas && old === oldReplicas) break;
    newReplicas = plan.newReplicas;
    oldReplicas = old;
  }
  scaleRs(store, current, newReplicas);
  scaleRs(store, previous, oldReplicas);
  scalingEvent(store, d, current, 0, newReplicas, rolloutAt);
  scalingEvent(store, d, previous, desired, oldReplicas, rolloutAt + 30_000);
  memory.progress.set(d.metadata.uid ?? '', { signature: '', at: rolloutAt + (good ? 30_000 : 0) });
}

function scaleRs(store: SimStore, rs: ReplicaSet, replicas: number): ReplicaSet {
  if ((rs.spec?.replicas ?? 0) === replicas) return rs;
  const next = clone(rs);
  next.spec!.replicas = replicas;
  return asObj<ReplicaSet>(store.update(toKube(next)));
}

/** Make sure the RS for the current template exists and carries the top revision (rollback reuses it). */
function syncRevision(store: SimStore, d: Deployment, owned: ReplicaSet[], now: number): ReplicaSet {
  const maxRev = Math.max(0, ...owned.map(revisionOf));
  const existing = owned.find((rs) => rs.spec && templatesEqual(rs.spec.template, d.spec!.template));
  if (!existing) {
    return asObj<ReplicaSet>(
      store.create(toKube(newReplicaSetObject(d, d.spec!.template, maxRev + 1, 0, now))),
    );
  }
  const rev = revisionOf(existing);
  if (rev >= maxRev) return existing;
  const next = clone(existing);
  const ann = (next.metadata.annotations ??= {});
  const hist = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${rev}` : String(rev);
  ann[REVISION_HISTORY] = hist;
  ann[REVISION] = String(maxRev + 1);
  return asObj<ReplicaSet>(store.update(toKube(next)));
}

export function availableCount(pods: Pod[], now: number, minReadySeconds = 0): number {
  return pods.filter((p) => isPodReady(p, now, minReadySeconds)).length;
}

/** The Deployment controller: revisions, ReplicaSets and the RollingUpdate scale steps. */
export function reconcileDeployments(store: SimStore, memory: WorldMemory, now: number): void {
  for (const obj of store.list(T.deployments)) {
    let d = asObj<Deployment>(obj);
    if (!d.spec?.template || !d.spec.selector) continue;
    const key = d.metadata.uid ?? `${d.metadata.namespace}/${d.metadata.name}`;
    if (!memory.progress.has(key) && d.status?.observedGeneration === undefined)
      materialise(store, memory, d, now);
    if (!memory.progress.has(key)) memory.progress.set(key, { signature: '', at: now });
    d = asObj<Deployment>(store.get(T.deployments, d.metadata.namespace, d.metadata.name) ?? obj);
    const newRs = syncRevision(store, d, ownedReplicaSets(store, d), now);
    const revision = String(revisionOf(newRs));
    if (d.metadata.annotations?.[REVISION] !== revision) {
      const next = clone(d);
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
      d = asObj<Deployment>(store.update(toKube(next)));
    }
    if (d.spec?.paused) continue;
    const owned = ownedReplicaSets(store, d);
    const olds = owned
      .filter((rs) => rs.metadata.uid !== newRs.metadata.uid)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    const minReady = d.spec?.minReadySeconds ?? 0;
    const byOwner = podsByOwner(store, d.metadata.namespace);
    const state = (rs: ReplicaSet) => {
      const pods = byOwner.get(rs.metadata.uid ?? '') ?? [];
      return {
        name: rs.metadata.name,
        replicas: rs.spec?.replicas ?? 0,
        pods: pods.length,
        available: availableCount(pods, now, minReady),
      };
    };
    const plan = planRollout({
      replicas: d.spec?.replicas ?? 1,
      maxSurge: d.spec?.strategy?.rollingUpdate?.maxSurge,
      maxUnavailable: d.spec?.strategy?.rollingUpdate?.maxUnavailable,
      recreate: d.spec?.strategy?.type === 'Recreate',
      newRs: state(newRs),
      oldRs: olds.map(state),
    });
    const current = asObj<ReplicaSet>(
      store.get(T.replicasets, newRs.metadata.namespace, newRs.metadata.name) ?? toKube(newRs),
    );
    scalingEvent(store, d, current, current.spec?.replicas ?? 0, plan.newReplicas, now);
    scaleRs(store, current, plan.newReplicas);
    olds.forEach((rs, i) => {
      const to = plan.oldReplicas[i] ?? 0;
      scalingEvent(store, d, rs, rs.spec?.replicas ?? 0, to, now);
      scaleRs(store, rs, to);
    });
  }
}

/** Garbage collection: ReplicaSets whose Deployment is gone go too (their pods follow). */
export function collectOrphanReplicaSets(store: SimStore): void {
  const uids = new Set(store.list(T.deployments).map((d) => asObj<Deployment>(d).metadata.uid));
  for (const o of store.list(T.replicasets)) {
    const rs = asObj<ReplicaSet>(o);
    const ref = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    if (ref && !uids.has(ref.uid)) store.delete(T.replicasets, rs.metadata.namespace, rs.metadata.name);
  }
}
