import type { ActionExecutor } from './action-executor.js';
import { listReplicaSets } from './deployment-api.js';
import { ownedRevisions, replicaSetForRevision, rollbackPatch } from './deployment-patches.js';
import { guardedDeploymentWrite } from './guarded-write.js';

/**
 * `kubectl rollout undo deployment/<name> --to-revision=N`, natively: the ReplicaSet of revision N gives
 * its pod template (without `pod-template-hash`), written with a guarded JSON patch so a concurrent change
 * makes the write fail instead of being overwritten (docs/decisions/0004-rollback-is-a-guarded-patch.md).
 */
export const rollbackAction: ActionExecutor = {
  kind: 'rollback',
  rolloutTarget: (spec) => ({ namespace: spec.target.namespace, name: spec.target.name }),
  async run(ctx) {
    const toRevision = ctx.spec.toRevision;
    if (toRevision === undefined) return { kind: 'failed', detail: 'no revision to roll back to' };
    return guardedDeploymentWrite(ctx, async (live) => {
      const replicaSets = await listReplicaSets(ctx.clients, ctx.spec.target.namespace);
      const rs = replicaSetForRevision(live, replicaSets, toRevision);
      if (!rs) {
        const known = ownedRevisions(live, replicaSets);
        return {
          kind: 'failed',
          detail: `revision ${toRevision} of deployment/${ctx.spec.target.name} is gone (revisions kept: ${known.join(', ') || 'none'})`,
        };
      }
      const ops = rollbackPatch(live, rs);
      if (!ops)
        return {
          kind: 'no-op',
          detail: `deployment/${ctx.spec.target.name} already runs revision ${toRevision}'s template`,
        };
      return {
        kind: 'patch',
        ops,
        detail: `rolled back deployment/${ctx.spec.target.name} to revision ${toRevision}`,
      };
    });
  },
};
