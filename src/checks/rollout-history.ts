import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import type { Check, CheckOutcome } from './check.js';
import { appPods, workloadOf } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { rollbackProposal } from './rollback-proposal.js';
import { clock, isPodReady, ownerName } from './pod-facts.js';
import { statefulSetRollout } from './statefulset-rollout.js';

const revisionOf = (rs: V1ReplicaSet): number =>
  Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

function deploymentRollout(s: ClusterSnapshot, name: string): CheckOutcome {
  const problem = firstFetchProblem(s.replicaSets);
  if (problem) return problem;
  const sets = (s.replicaSets.ok ? s.replicaSets.value : [])
    .filter((rs) => revisionOf(rs) > 0)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const newest = sets[0];
  if (!newest || sets.length < 2) {
    return {
      status: 'ok',
      summary: `only revision ${newest ? revisionOf(newest) : '?'} exists`,
      evidence: [],
    };
  }
  const pods = appPods(s);
  const podsOf = (rs: V1ReplicaSet) => pods.filter((p) => ownerName(p) === rs.metadata?.name);
  const readyOf = (rs: V1ReplicaSet): number =>
    Math.max(rs.status?.readyReplicas ?? 0, podsOf(rs).filter(isPodReady).length);
  const describe = (rs: V1ReplicaSet): string =>
    `revision ${revisionOf(rs)} (${rs.metadata?.name}, ${rs.spec?.template?.spec?.containers.map((c) => c.image).join(', ') ?? '?'}, created ${clock(rs.metadata?.creationTimestamp)}): ${readyOf(rs)}/${rs.spec?.replicas ?? 0} ready`;
  const desired = newest.spec?.replicas ?? 0;
  const newestPods = podsOf(newest);
  const newestBroken = (desired > 0 && readyOf(newest) < desired) || newestPods.some((p) => !isPodReady(p));
  const evidence = sets.slice(0, 3).map(describe);
  if (!newestBroken)
    return { status: 'ok', summary: `newest revision ${revisionOf(newest)} is healthy`, evidence: [] };
  const healthyOld = sets.slice(1).find((rs) => readyOf(rs) > 0);
  const target = `deployment/${name}`;
  if (healthyOld) {
    const r = rollbackProposal(
      s,
      target,
      revisionOf(healthyOld),
      'high',
      `Revision ${revisionOf(newest)} of ${target} is failing while revision ${revisionOf(healthyOld)} still serves`,
    );
    return {
      status: 'fail',
      summary: `newest revision ${revisionOf(newest)} is unhealthy; revision ${revisionOf(healthyOld)} was healthy`,
      evidence: [...evidence, ...r.evidence],
      proposals: [r.proposal],
    };
  }
  const previous = sets[1]!;
  const r = rollbackProposal(
    s,
    target,
    revisionOf(previous),
    'low',
    `Revision ${revisionOf(newest)} of ${target} is failing (revision ${revisionOf(previous)} is scaled down, its health unknown)`,
  );
  return {
    status: 'warn',
    summary: `newest revision ${revisionOf(newest)} is unhealthy; earlier revisions are scaled down`,
    evidence: [...evidence, ...r.evidence],
    proposals: [r.proposal],
  };
}

/** Step 6: did the 502s begin with the newest rollout while an earlier revision was healthy? */
export const rolloutHistoryCheck: Check = {
  id: 'rollout-history',
  runbookStep: '6',
  title: 'Rollout history',
  run(s) {
    const problem = firstFetchProblem(s.workload);
    if (problem) return problem;
    const w = workloadOf(s);
    if (!w) return { status: 'skipped', summary: 'no Deployment or StatefulSet', evidence: [] };
    const name = w.object.metadata?.name ?? s.app;
    return w.kind === 'Deployment' ? deploymentRollout(s, name) : statefulSetRollout(s, w.object, name);
  },
};
