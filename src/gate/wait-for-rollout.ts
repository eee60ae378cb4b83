import type { KubeConfig, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { KubeClients } from '../k8s/clients.js';
import { toFetchError } from '../k8s/fetched.js';
import { labelSelectorToString } from '../k8s/label-selector.js';
import { findRolloutWorkload } from '../k8s/rollout-find-workload.js';
import { rolloutRevisions, type RolloutRevisions } from '../k8s/rollout-new-pods.js';
import {
  findRolloutPodFailure,
  unschedulablePods,
  type RolloutPodFailure,
} from '../k8s/rollout-pod-failure.js';
import { deploymentRolloutStatus, statefulSetRolloutStatus } from '../k8s/rollout-status.js';
import { watchCollection, type WatchEventType } from '../k8s/rollout-watch.js';
import type { RolloutWorkload } from '../k8s/rollout-workload.js';
import { GateError } from './gate-error.js';
import { describePods } from './describe-pods.js';

export interface RolloutOutcome {
  result: 'complete' | 'failed' | 'timeout' | 'not-found';
  /** The workload as last seen. */
  workload?: RolloutWorkload;
  /** Last kubectl-style status line, or why the wait ended. */
  message: string;
  /** Set when the wait ended early because a new pod is clearly failing. */
  podFailure?: RolloutPodFailure;
  /** An earlier revision still serving (Deployments): the evidence for bad-rollout. */
  servingRevision?: RolloutRevisions['servingRevision'];
  /** Distinct status lines in order, with the time since the start (evidence of how far it got). */
  progress: { atMs: number; message: string }[];
  /** The new revision's pods at the end, one line each. */
  newPods: string[];
  /** Watch problems that were retried (kept for the evidence when the rollout then timed out). */
  troubles: string[];
  elapsedMs: number;
  timeoutMs: number;
}

export interface WaitForRolloutOptions {
  kubeConfig: KubeConfig;
  clients: KubeClients;
  app: string;
  namespace: string;
  timeoutMs: number;
  /** Pods may stay Unschedulable this long before the rollout is called failed (autoscaler grace). */
  unschedulableGraceMs?: number;
  /** Called with each new status line (the CLI prints nothing by default; tests watch the progress). */
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
}

const DEFAULT_UNSCHEDULABLE_GRACE_MS = 30_000;
const MAX_PROGRESS = 20;

/**
 * Wait for an app's rollout like `kubectl rollout status`, with watches (the workload by name, its
 * ReplicaSets and its pods) instead of polling, and give up early when the new revision's pods are
 * clearly failing. Throws GateError when the cluster cannot be asked at all.
 */
export async function waitForRollout(opts: WaitForRolloutOptions): Promise<RolloutOutcome> {
  const started = Date.now();
  const graceMs = opts.unschedulableGraceMs ?? DEFAULT_UNSCHEDULABLE_GRACE_MS;
  const base = { progress: [], newPods: [], troubles: [], timeoutMs: opts.timeoutMs };
  const found = await findRolloutWorkload(opts.clients, opts.app, opts.namespace);
  if (!found) {
    return {
      ...base,
      result: 'not-found',
      message: `no Deployment or StatefulSet named "${opts.app}" or labelled app=${opts.app} in namespace ${opts.namespace}`,
      elapsedMs: Date.now() - started,
    };
  }

  const ns = opts.namespace;
  const name = found.object.metadata?.name ?? opts.app;
  const selector = labelSelectorToString(found.object.spec?.selector);
  let workload: RolloutWorkload | undefined = found;
  const pods = new Map<string, V1Pod>();
  const replicaSets = new Map<string, V1ReplicaSet>();
  const progress: RolloutOutcome['progress'] = [];
  const troubles: string[] = [];
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([stop.signal, opts.signal]) : stop.signal;
  let recheck: NodeJS.Timeout | undefined;
  const unschedulableSeen = new Map<string, number>();

  return new Promise<RolloutOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (
      result: RolloutOutcome['result'],
      message: string,
      podFailure?: RolloutPodFailure,
    ): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(recheck);
      stop.abort();
      const revisions = workload
        ? rolloutRevisions(workload, [...replicaSets.values()], [...pods.values()])
        : undefined;
      resolve({
        result,
        workload,
        message,
        podFailure,
        servingRevision: revisions?.servingRevision,
        progress,
        newPods: describePods(revisions?.newPods ?? [], new Date()),
        troubles,
        elapsedMs: Date.now() - started,
        timeoutMs: opts.timeoutMs,
      });
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(recheck);
      stop.abort();
      reject(err instanceof GateError ? err : new GateError('unreachable', String(err)));
    };

    const note = (message: string): void => {
      if (progress.at(-1)?.message === message) return;
      if (progress.length >= MAX_PROGRESS) progress.splice(1, 1);
      progress.push({ atMs: Date.now() - started, message });
      opts.onProgress?.(message);
    };

    const evaluate = (): void => {
      if (settled) return;
      if (!workload)
        return finish('failed', `${found.kind.toLowerCase()} "${name}" was deleted during the rollout`);
      const status =
        workload.kind === 'Deployment'
          ? deploymentRolloutStatus(workload.object)
          : statefulSetRolloutStatus(workload.object);
      note(status.message);
      if (status.state !== 'progressing') return finish(status.state, status.message);
      const { newPods } = rolloutRevisions(workload, [...replicaSets.values()], [...pods.values()]);
      const now = new Date();
      const stuck = unschedulablePods(newPods);
      for (const p of stuck) if (!unschedulableSeen.has(p)) unschedulableSeen.set(p, now.getTime());
      const failure = findRolloutPodFailure(newPods, {
        now,
        unschedulableGraceMs: graceMs,
        unschedulableSeenAt: (p) => unschedulableSeen.get(p),
      });
      if (failure) return finish('failed', `new pod ${failure.pod} is failing: ${failure.detail}`, failure);
      // Unschedulable pods fail only after the grace; without a new event nothing would wake us then.
      clearTimeout(recheck);
      const seen = stuck.map((p) => unschedulableSeen.get(p) ?? now.getTime());
      if (seen.length)
        recheck = setTimeout(evaluate, Math.max(50, Math.min(...seen) + graceMs - now.getTime() + 10));
    };

    const timer = setTimeout(
      () => finish('timeout', progress.at(-1)?.message ?? 'rollout did not complete'),
      opts.timeoutMs,
    );

    const keyed = <T extends { metadata?: { name?: string } }>(map: Map<string, T>) => ({
      onSync: (items: T[]): void => {
        map.clear();
        for (const o of items) map.set(o.metadata?.name ?? '', o);
        evaluate();
      },
      onEvent: (type: WatchEventType, o: T): void => {
        if (type === 'DELETED') map.delete(o.metadata?.name ?? '');
        else map.set(o.metadata?.name ?? '', o);
        evaluate();
      },
    });
    const common = {
      kubeConfig: opts.kubeConfig,
      signal,
      onTrouble: (m: string) => troubles.push(m),
    };
    const listed = <T>(verb: string, resource: string, p: Promise<T>): Promise<T> =>
      p.catch((err: unknown) => {
        const e = toFetchError(err, { verb, resource, namespace: ns });
        if (e.status === 403) {
          throw new GateError(
            'forbidden',
            `forbidden: the gate needs "list" and "watch" on ${resource} in ${ns}`,
          );
        }
        throw new GateError('unreachable', `cluster unreachable: ${e.message}`);
      });

    const { apps, core } = opts.clients;
    const plural = found.kind === 'Deployment' ? 'deployments' : 'statefulsets';
    const watches: Promise<void>[] = [
      watchCollection({
        ...common,
        path: `/apis/apps/v1/namespaces/${ns}/${plural}`,
        fieldSelector: `metadata.name=${name}`,
        list: () =>
          found.kind === 'Deployment'
            ? listed(
                'list',
                'deployments.apps',
                apps.listNamespacedDeployment({ namespace: ns, fieldSelector: `metadata.name=${name}` }),
              )
            : listed(
                'list',
                'statefulsets.apps',
                apps.listNamespacedStatefulSet({ namespace: ns, fieldSelector: `metadata.name=${name}` }),
              ),
        onSync: (items) => {
          const o = items[0];
          workload = o ? ({ kind: found.kind, object: o } as RolloutWorkload) : undefined;
          evaluate();
        },
        onEvent: (type, o) => {
          workload = type === 'DELETED' ? undefined : ({ kind: found.kind, object: o } as RolloutWorkload);
          evaluate();
        },
      }),
      watchCollection({
        ...common,
        path: `/api/v1/namespaces/${ns}/pods`,
        labelSelector: selector,
        list: () =>
          listed('list', 'pods', core.listNamespacedPod({ namespace: ns, labelSelector: selector })),
        ...keyed(pods),
      }),
    ];
    if (found.kind === 'Deployment') {
      watches.push(
        watchCollection({
          ...common,
          path: `/apis/apps/v1/namespaces/${ns}/replicasets`,
          labelSelector: selector,
          list: () =>
            listed(
              'list',
              'replicasets.apps',
              apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: selector }),
            ),
          ...keyed(replicaSets),
        }),
      );
    }
    for (const w of watches) w.catch(fail);
  });
}
