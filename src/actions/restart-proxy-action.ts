import type { ActionExecutor } from './action-executor.js';
import { restartPatch } from './deployment-patches.js';
import { guardedDeploymentWrite } from './guarded-write.js';

/**
 * `kubectl rollout restart deployment/<proxy>`: stamps `kubectl.kubernetes.io/restartedAt` on the pod
 * template, so the controller replaces the proxy pods with its usual surge/unavailable limits.
 */
export const restartProxyAction: ActionExecutor = {
  kind: 'restart-proxy',
  rolloutTarget: (spec) => ({ namespace: spec.target.namespace, name: spec.target.name }),
  run(ctx) {
    const now = ctx.now ?? (() => new Date());
    return guardedDeploymentWrite(ctx, (live) => ({
      kind: 'patch',
      ops: restartPatch(live, now()),
      detail: `restarted deployment/${ctx.spec.target.name} in ${ctx.spec.target.namespace}`,
    }));
  },
};
