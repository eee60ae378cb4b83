import type { V1StatefulSet } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import type { CheckOutcome } from './check.js';
import { appPods } from './app-objects.js';
import { firstFetchProblem } from './fetch-problem.js';
import { isPodReady } from './pod-facts.js';
import { rollbackProposal } from './rollback-proposal.js';

/** StatefulSets keep history in ControllerRevisions; pods say which one they run in controller-revision-hash. */
export function statefulSetRollout(s: ClusterSnapshot, sts: V1StatefulSet, name: string): CheckOutcome {
  const problem = firstFetchProblem(s.controllerRevisions);
  if (problem) return problem;
  const revisions = s.controllerRevisions.ok ? s.controllerRevisions.value : [];
  const current = sts.status?.currentRevision;
  const update = sts.status?.updateRevision;
  if (!current || !update || current === update) {
    return {
      status: 'ok',
      summary: `revision ${update ?? current ?? '?'} rolled out to every pod`,
      evidence: [],
    };
  }
  const pods = appPods(s);
  const on = (hash: string) => pods.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === hash);
  const updated = on(update);
  const old = on(current);
  const revNumber = (hash: string): number | undefined =>
    revisions.find((r) => r.metadata?.name === hash)?.revision;
  const evidence = [
    `update revision ${update} (r${revNumber(update) ?? '?'}): ${updated.filter(isPodReady).length}/${updated.length} ready`,
    `current revision ${current} (r${revNumber(current) ?? '?'}): ${old.filter(isPodReady).length}/${old.length} ready`,
  ];
  const broken = updated.some((p) => !isPodReady(p));
  const oldHealthy = old.length > 0 && old.every(isPodReady);
  const toRevision = revNumber(current);
  if (!broken)
    return { status: 'ok', summary: `rolling out ${update}; updated pods are ready`, evidence: [] };
  if (!oldHealthy || toRevision === undefined) {
    return { status: 'warn', summary: `updated pods of ${update} are unhealthy`, evidence };
  }
  const r = rollbackProposal(
    s,
    `statefulset/${name}`,
    toRevision,
    'high',
    `The update of statefulset/${name} to ${update} is failing while ${current} pods still serve`,
  );
  return {
    status: 'fail',
    summary: `update revision ${update} is unhealthy; ${current} was healthy`,
    evidence: [...evidence, ...r.evidence],
    proposals: [r.proposal],
  };
}
