import type { SimStore } from '../runtime.js';
import { createPodFromTemplate } from './create-pod.js';
import type { Pod, StatefulSet } from './kube-types.js';
import { asObj, clone, controllerRef, isControlledBy, iso, stableStringify, toKube } from './kube-types.js';
import { isPodReady } from './pod-readiness.js';
import { T } from './resource-types.js';
import { computePodTemplateHash } from './template-hash.js';
import type { WorldMemory } from './world-memory.js';

const REVISION_LABEL = 'controller-revision-hash';

function revisionName(sts: StatefulSet): string {
  return `${sts.metadata.name}-${computePodTemplateHash(sts.spec!.template)}`;
}

/** ControllerRevisions: one per distinct template, numbered in order of appearance. */
function ensureRevision(store: SimStore, sts: StatefulSet, now: number): string {
  const name = revisionName(sts);
  if (store.get(T.controllerrevisions, sts.metadata.namespace, name)) return name;
  const existing = store
    .list(T.controllerrevisions, sts.metadata.namespace)
    .filter((r) => isControlledBy(asObj(r), sts))
    .map((r) => Number((r as { revision?: number }).revision ?? 0));
  store.create(
    toKube({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: {
          ...(sts.spec!.template.metadata?.labels ?? {}),
          [REVISION_LABEL]: name.slice(sts.metadata.name.length + 1),
        },
        ownerReferences: [controllerRef(sts)],
        creationTimestamp: iso(now),
      },
      data: { spec: { template: { ...clone(sts.spec!.template), $patch: 'replace' } } },
      revision: Math.max(0, ...existing) + 1,
    }),
  );
  return name;
}

/**
 * The StatefulSet controller (OrderedReady, RollingUpdate): pods `<name>-0..n-1` created in order once
 * their predecessors are ready; an update replaces the highest-ordinal outdated pod when all are ready.
 */
export function reconcileStatefulSets(store: SimStore, memory: WorldMemory, now: number): void {
  for (const obj of store.list(T.statefulsets)) {
    const sts = asObj<StatefulSet>(obj);
    if (!sts.spec?.template) continue;
    const firstSight = sts.status?.observedGeneration === undefined;
    const update = ensureRevision(store, sts, now);
    const want = sts.spec.replicas ?? 1;
    const podsByOrdinal = new Map<number, Pod>();
    for (const p of store.list(T.pods, sts.metadata.namespace).map((o) => asObj<Pod>(o))) {
      const m = new RegExp(`^${sts.metadata.name}-(\\d+)$`).exec(p.metadata.name);
      if (m && isControlledBy(p, sts)) podsByOrdinal.set(Number(m[1]), p);
    }
    const born = firstSight ? now - 1800_000 : now;
    for (let i = 0; i < want; i++) {
      if (podsByOrdinal.has(i)) continue;
      const predecessorsReady = [...Array(i).keys()].every((j) => {
        const p = podsByOrdinal.get(j);
        return p && (firstSight || isPodReady(p, now));
      });
      if (!predecessorsReady) break;
      const name = `${sts.metadata.name}-${i}`;
      const pod = createPodFromTemplate(
        store,
        memory,
        sts,
        sts.spec.template,
        name,
        born,
        {
          [REVISION_LABEL]: update,
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(i),
        },
        { hostname: name, ...(sts.spec.serviceName ? { subdomain: sts.spec.serviceName } : {}) },
      );
      podsByOrdinal.set(i, pod);
    }
    for (const [i, p] of podsByOrdinal) {
      if (i >= want) {
        store.delete(T.pods, p.metadata.namespace, p.metadata.name);
        podsByOrdinal.delete(i);
      }
    }
    const pods = [...podsByOrdinal.values()];
    const outdated = [...podsByOrdinal.entries()]
      .filter(([, p]) => p.metadata.labels?.[REVISION_LABEL] !== update)
      .sort(([a], [b]) => b - a);
    if (outdated.length && pods.every((p) => isPodReady(p, now))) {
      const [, victim] = outdated[0]!;
      store.delete(T.pods, victim.metadata.namespace, victim.metadata.name);
    }
    const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === update).length;
    const current = (sts.status as { currentRevision?: string } | undefined)?.currentRevision;
    const ready = pods.filter((p) => isPodReady(p, now)).length;
    const status = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      currentReplicas: updated === want ? updated : pods.length - updated,
      updatedReplicas: updated,
      currentRevision: updated === want || !current ? update : current,
      updateRevision: update,
      collisionCount: 0,
    };
    if (stableStringify(status) !== stableStringify(sts.status)) {
      store.update(
        toKube({
          ...clone(
            asObj<StatefulSet>(store.get(T.statefulsets, sts.metadata.namespace, sts.metadata.name) ?? obj),
          ),
          status,
        }),
      );
    }
  }
}
