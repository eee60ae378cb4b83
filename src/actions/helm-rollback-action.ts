import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ActionExecutor } from './action-executor.js';
import { readDeployment } from './deployment-api.js';
import { redactOutput } from './redact-output.js';
import { staleReason } from './stale-guard.js';

/** Time helm gets beyond its own `--timeout` before we kill it. */
const KILL_MARGIN_MS = 30_000;

/** Failures helm reports before touching anything: safe to call "nothing written". */
const BEFORE_WRITE_FAILURES = [
  /not found/i,
  /has no deployed releases/i,
  /forbidden/i,
  /invalid/i,
  /unknown flag/i,
];

/** Helm's own kubeconfig: a private copy of ours (unless in-cluster, where helm finds the service account). */
async function helmKubeconfigArgs(kc: KubeConfig, dir: string): Promise<string[]> {
  const inCluster =
    !process.env.KUBECONFIG &&
    process.env.KUBERNETES_SERVICE_HOST !== undefined &&
    kc.getCurrentUser()?.authProvider !== undefined;
  if (inCluster) return [];
  const path = join(dir, 'kubeconfig');
  await writeFile(path, kc.exportConfig(), { mode: 0o600 });
  return ['--kubeconfig', path];
}

/**
 * `helm rollback <release> <revision> --wait --timeout …`: Helm-managed workloads are rolled back through
 * Helm so its release history stays true. Run with an argument array (never a shell), a hard timeout, and
 * its output captured, redacted and reported.
 */
export const helmRollbackAction: ActionExecutor = {
  kind: 'helm-rollback',
  rolloutTarget: (spec) => ({ namespace: spec.target.namespace, name: spec.target.name }),
  async run(ctx) {
    const { release, toRevision, target } = ctx.spec;
    if (!release || toRevision === undefined)
      return { kind: 'failed', detail: 'no Helm release or revision given' };
    const stale = staleReason(target, await readDeployment(ctx.clients, target.namespace, target.name));
    if (stale) return { kind: 'stale', reason: stale };
    const dir = await mkdtemp(join(tmpdir(), 'gw502-helm-'));
    try {
      const args = [
        'rollback',
        release,
        String(toRevision),
        '--namespace',
        target.namespace,
        '--wait',
        '--timeout',
        `${Math.max(1, Math.round(ctx.helm.timeoutMs / 1000))}s`,
        ...(await helmKubeconfigArgs(ctx.kubeConfig, dir)),
      ];
      await ctx.beforeWrite();
      const res = await execa(ctx.helm.binary, args, {
        reject: false,
        all: true,
        timeout: ctx.helm.timeoutMs + KILL_MARGIN_MS,
        stdin: 'ignore',
        env: { HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir },
      });
      const output = redactOutput(res.all ?? '');
      ctx.logger.info(
        { release, toRevision, exitCode: res.exitCode, timedOut: res.timedOut },
        'helm rollback finished',
      );
      if (res.exitCode === 0) {
        return {
          kind: 'wrote',
          detail: `helm rolled back release ${release} to revision ${toRevision}`,
          output,
        };
      }
      if (res.timedOut || res.isTerminated || res.exitCode === undefined) {
        return { kind: 'unknown', detail: `helm did not finish in time and was stopped`, output };
      }
      if (BEFORE_WRITE_FAILURES.some((re) => re.test(output)) && !/timed out|deadline/i.test(output)) {
        return { kind: 'failed', detail: `helm rollback failed (exit ${res.exitCode})`, output };
      }
      return { kind: 'unknown', detail: `helm rollback failed part-way (exit ${res.exitCode})`, output };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
