import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';

/** Where a rollout stands, as `kubectl rollout status` would say it. */
export interface RolloutStatus {
  state: 'progressing' | 'complete' | 'failed';
  /** kubectl's wording, so pipeline logs read the same as before the gate replaced it. */
  message: string;
}

/**
 * kubectl's DeploymentStatusViewer (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go): only judge
 * once the controller has observed the latest spec; ProgressDeadlineExceeded is a failure; otherwise the
 * rollout is done when every replica is updated, no old replica is left and every updated one is available.
 */
export function deploymentRolloutStatus(dep: V1Deployment): RolloutStatus {
  const name = dep.metadata?.name ?? '';
  const generation = dep.metadata?.generation ?? 0;
  const status = dep.status ?? {};
  if (generation > (status.observedGeneration ?? 0)) {
    return { state: 'progressing', message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { state: 'failed', message: `deployment "${name}" exceeded its progress deadline` };
  }
  const want = dep.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (want !== undefined && updated < want) {
    return {
      state: 'progressing',
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
    };
  }
  if (total > updated) {
    return {
      state: 'progressing',
      message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`,
    };
  }
  if (available < updated) {
    return {
      state: 'progressing',
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
    };
  }
  return { state: 'complete', message: `deployment "${name}" successfully rolled out` };
}

/**
 * kubectl's StatefulSetStatusViewer. kubectl refuses OnDelete (it cannot know when pods will be replaced);
 * a pipeline gate cannot refuse to answer, so for OnDelete we only wait for every replica to be ready and
 * say so in the message.
 */
export function statefulSetRolloutStatus(sts: V1StatefulSet): RolloutStatus {
  const generation = sts.metadata?.generation ?? 0;
  const status = sts.status;
  const observed = status?.observedGeneration ?? 0;
  if (observed === 0 || generation > observed) {
    return { state: 'progressing', message: 'Waiting for statefulset spec update to be observed...' };
  }
  const want = sts.spec?.replicas;
  const ready = status?.readyReplicas ?? 0;
  if (want !== undefined && ready < want) {
    return { state: 'progressing', message: `Waiting for ${want - ready} pods to be ready...` };
  }
  const strategy = sts.spec?.updateStrategy;
  if (strategy?.type === 'OnDelete') {
    return {
      state: 'complete',
      message: `statefulset OnDelete strategy: all ${ready} pods ready (pods replaced only on delete)`,
    };
  }
  const updated = status?.updatedReplicas ?? 0;
  const partition = strategy?.rollingUpdate?.partition;
  // Like kubectl: with a rollingUpdate block (the API defaults partition to 0) count updated pods.
  if (want !== undefined && partition !== undefined) {
    if (updated < want - partition) {
      return {
        state: 'progressing',
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...`,
      };
    }
    return {
      state: 'complete',
      message:
        partition > 0
          ? `partitioned roll out complete: ${updated} new pods have been updated...`
          : `statefulset rolling update complete ${updated} pods at revision ${status?.updateRevision ?? '?'}...`,
    };
  }
  if (status?.updateRevision !== status?.currentRevision) {
    return {
      state: 'progressing',
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status?.updateRevision ?? '?'}...`,
    };
  }
  return {
    state: 'complete',
    message: `statefulset rolling update complete ${status?.currentReplicas ?? ready} pods at revision ${status?.currentRevision ?? '?'}...`,
  };
}
