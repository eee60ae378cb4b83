import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { badRollout } from '../../src/sim/scenarios/bad-rollout.js';
import { listAudit } from '../../src/actions/audit-log.js';
import { runRemediation } from '../../src/actions/run-remediation.js';
import { remediateJobId } from '../../src/queue/remediate-job.js';
import { patchesTo, quietLogger, until } from '../actions/helpers/remediation-fixture.js';
import { hasActionButtons, messageText, startHarness, type Harness } from './helpers/remediation-harness.js';

let h: Harness | undefined;
let child: ResultPromise | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await h?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  child = undefined;
});

describe('a worker killed mid-action', { timeout: 180_000 }, () => {
  it('leaves "outcome unknown" in the message and thread, the job is not re-run, and nothing writes twice', async () => {
    // No in-process worker: the only worker is the child we kill.
    h = await startHarness(badRollout, { db: 32, worker: false });
    const id = h.offered.approvals[0]!.id;
    dir = await mkdtemp(join(tmpdir(), 'gw502-killed-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await h.sim.cluster.writeKubeconfig(kubeconfig);
    child = execa('node', ['--import', 'tsx', 'test/e2e/helpers/remediation-worker-child.ts'], {
      env: {
        REDIS_URL: h.redisUrl,
        KUBECONFIG_PATH: kubeconfig,
        SLACK_API_URL: h.fake.apiUrl,
        GW502_CONFIG_JSON: JSON.stringify({ approvers: { users: ['U0APPROVER'] } }),
      },
      reject: false,
    });
    await until(
      () =>
        child?.stdout && new Promise<boolean>((resolve) => child!.stdout!.once('data', () => resolve(true))),
      30_000,
      'child ready',
    );
    h.sim.cluster.resetRequests();

    await h.click('U0APPROVER', id);
    // Kill it right after its write went out, while it waits for the rollout.
    await until(async () => (await h!.remediation.store.get(id))?.wroteAt, 20_000, 'the write to start');
    await until(() => patchesTo(h!.sim.cluster, 'checkout') === 1, 10_000, 'the patch to arrive');
    child.kill('SIGKILL');
    await child;

    // Another worker (with its reaper) comes up; it must not redo the action, only say what is known.
    const worker = h.remediation.startWorker({ lockDurationMs: 2000 });
    const rec = await until(
      async () => {
        const r = await h!.remediation.store.get(id);
        return r?.state === 'unknown' ? r : undefined;
      },
      20_000,
      'outcome unknown',
    );
    expect(rec.outcome?.result).toBe('unknown');
    // Told after it is recorded: the audit entry comes last.
    await until(
      async () =>
        (await listAudit(h!.redis, undefined, 200)).some((e) => e.approvalId === id && e.event === 'outcome'),
      10_000,
      'outcome told',
    );
    expect(messageText(h)).toMatch(/Outcome unknown/);
    expect(messageText(h)).toContain('will not retry');
    expect(hasActionButtons(h)).toBe(false);
    const threadReplies = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.params.thread_ts === h!.message.ts);
    expect(threadReplies.some((c) => /Outcome unknown/.test(String(c.params.text)))).toBe(true);

    // BullMQ's stall check fails the orphaned job instead of re-running it (attempts 1, maxStalledCount 0).
    await until(
      async () =>
        (await h!.remediation.queue.getJob(remediateJobId(id)))?.getState().then((s) => s === 'failed'),
      20_000,
      'job failed as stalled',
    );
    // Even a replayed run of the approval (a duplicate job, a manual replay) refuses to act.
    const replay = await runRemediation({ ...workerDeps(h), workerId: 'replayer' }, id);
    expect(replay).toBe('not-executing');
    await new Promise((r) => setTimeout(r, 500));
    expect(patchesTo(h.sim.cluster, 'checkout')).toBe(1);
    await worker.close();
  });
});

function workerDeps(x: Harness) {
  return {
    store: x.remediation.store,
    redis: x.redis,
    reporter: x.remediation.reporter,
    config: x.config,
    loadKubeConfig: () => x.sim.kubeConfig,
    diagnose: () => Promise.reject(new Error('must not run')),
    helm: { binary: 'helm', timeoutMs: 1000 },
    rolloutTimeoutMs: 1000,
    heartbeatMs: 300,
    logger: quietLogger,
  };
}
