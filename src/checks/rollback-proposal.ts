import type { CauseProposal, SuggestedAction } from '../diagnosis/report.js';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import { workloadOf } from './app-objects.js';
import { gitopsOwner, helmRelease } from './gitops-owner.js';

/** The action that undoes the rollout, or none when a GitOps controller owns the workload. */
export function rollbackProposal(
  s: ClusterSnapshot,
  target: string,
  toRevision: number,
  confidence: CauseProposal['confidence'],
  what: string,
): { proposal: CauseProposal; evidence: string[] } {
  const meta = workloadOf(s)?.object.metadata;
  const gitops = gitopsOwner(meta);
  if (gitops) {
    return {
      proposal: {
        cause: 'bad-rollout',
        confidence,
        summary: `${what}; ${s.app} is managed by ${gitops.detail}: roll back by reverting the change in Git.`,
        gitops,
      },
      evidence: [`managed by ${gitops.detail}: rollback goes through Git, not kubectl`],
    };
  }
  const release = helmRelease(meta);
  if (release) {
    const history = s.helmHistory.ok ? s.helmHistory.value.filter((r) => r.name === release || !r.name) : [];
    const latest = Math.max(0, ...history.map((r) => r.revision));
    const previous = [...history]
      .filter((r) => r.revision < latest && ['superseded', 'deployed'].includes(r.status))
      .sort((a, b) => b.revision - a.revision)[0];
    const action: SuggestedAction = {
      kind: 'helm-rollback',
      target: `helm/${release}`,
      namespace: s.namespace,
      release,
      reason: `helm rollback ${release}${previous ? ` ${previous.revision}` : ''}`,
    };
    if (previous) action.toRevision = previous.revision;
    const evidence = history.length
      ? [
          `helm release ${release}: ${history
            .slice(-4)
            .map((r) => `r${r.revision} ${r.status}${r.appVersion ? ` (${r.appVersion})` : ''}`)
            .join(', ')}`,
        ]
      : [
          `helm release ${release}: history unavailable${s.helmHistory.ok ? '' : ` (${s.helmHistory.error.status}: cannot list secrets)`}`,
        ];
    return {
      proposal: {
        cause: 'bad-rollout',
        confidence,
        summary: `${what}: roll back Helm release ${release}${previous ? ` to revision ${previous.revision}` : ''}.`,
        actions: [action],
      },
      evidence,
    };
  }
  return {
    proposal: {
      cause: 'bad-rollout',
      confidence,
      summary: `${what}: roll back ${target} to revision ${toRevision}.`,
      actions: [
        {
          kind: 'rollback',
          target,
          namespace: s.namespace,
          toRevision,
          reason: `last healthy revision ${toRevision}`,
        },
      ],
    },
    evidence: [],
  };
}
