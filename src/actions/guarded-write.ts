import type { V1Deployment } from '@kubernetes/client-node';
import type { ActionContext, ActionResult } from './action-executor.js';
import { classifyWriteError, patchDeployment, readDeployment } from './deployment-api.js';
import type { JsonPatchOp } from './deployment-patches.js';
import { staleReason } from './stale-guard.js';

/** A plan for one attempt: the patch to send, or why no patch is needed / possible. */
export type WritePlan =
  | { kind: 'patch'; ops: JsonPatchOp[]; detail: string }
  | { kind: 'no-op'; detail: string }
  | { kind: 'failed'; detail: string };

/**
 * How many times a write whose guard failed is re-planned. A guard failure usually means the controller
 * updated status between our read and our write; each round re-reads and re-runs the stale guard, so a
 * real change (new rollout) ends in `stale`, never in overwriting it.
 */
export const MAX_GUARD_ROUNDS = 4;

/** Read → stale guard → plan → guarded JSON patch, re-planned on a failed guard. */
export async function guardedDeploymentWrite(
  ctx: ActionContext,
  plan: (live: V1Deployment) => Promise<WritePlan> | WritePlan,
): Promise<ActionResult> {
  const { namespace, name } = ctx.spec.target;
  let lastConflict = '';
  for (let round = 1; round <= MAX_GUARD_ROUNDS; round += 1) {
    const live = await readDeployment(ctx.clients, namespace, name);
    const stale = staleReason(ctx.spec.target, live);
    if (stale || !live) return { kind: 'stale', reason: stale ?? `deployment/${name} not found` };
    const p = await plan(live);
    if (p.kind !== 'patch') return p;
    await ctx.beforeWrite();
    try {
      await patchDeployment(ctx.clients, namespace, name, p.ops);
      return { kind: 'wrote', detail: p.detail };
    } catch (err) {
      const e = classifyWriteError(err);
      if (e.kind === 'no-answer') return { kind: 'unknown', detail: `no answer to the write: ${e.message}` };
      if (e.kind === 'rejected')
        return { kind: 'failed', detail: `the API server refused the write (${e.status}): ${e.message}` };
      lastConflict = e.message;
      ctx.logger.info({ round, namespace, name, reason: e.message }, 'guarded write lost a race; re-reading');
    }
  }
  return {
    kind: 'failed',
    detail: `deployment/${name} kept changing under us (${lastConflict}); nothing written`,
  };
}
