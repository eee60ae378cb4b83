import { UnrecoverableError, Worker } from 'bullmq';
import type { ApprovalStore } from '../actions/approval-store.js';
import { reapAbandoned, type ReapLimits } from '../actions/reap-abandoned.js';
import type { RemediationReporter } from '../actions/remediation-report.js';
import { runRemediation, type RemediationDeps, type RunResult } from '../actions/run-remediation.js';
import type { Logger } from '../logger.js';
import { createWorkerConnection } from './redis-connections.js';
import { REMEDIATE_QUEUE, remediateJobSchema, type RemediateJobData } from './remediate-job.js';

export interface RemediateWorkerOptions {
  redisUrl: string;
  deps: RemediationDeps;
  store: ApprovalStore;
  reporter: RemediationReporter;
  /** Actions at once per worker. Default 2: they are slow (rollouts) but rare. */
  concurrency?: number;
  /** BullMQ lock; renewed while the process lives. Default 30 s. */
  lockDurationMs?: number;
  /** Reaper: how stale a heartbeat may get, how long a claim may wait. Defaults: 4 heartbeats, 10 min. */
  reap?: Partial<ReapLimits> & { intervalMs?: number };
  logger: Logger;
}

export interface RemediateWorker {
  worker: Worker<RemediateJobData, RunResult>;
  /** Run the reaper once now (tests; also runs on a timer). */
  reapNow(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The BullMQ worker of the `remediate` queue plus the reaper of abandoned approvals. `maxStalledCount: 0`:
 * a job whose worker died is failed, never handed to another worker — the reaper then marks the approval
 * "outcome unknown" and the thread says so.
 */
export function createRemediateWorker(opts: RemediateWorkerOptions): RemediateWorker {
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const limits: ReapLimits = {
    staleHeartbeatMs: opts.reap?.staleHeartbeatMs ?? opts.deps.heartbeatMs * 4,
    unstartedMs: opts.reap?.unstartedMs ?? 10 * 60_000,
  };
  const worker = new Worker<RemediateJobData, RunResult>(
    REMEDIATE_QUEUE,
    async (job) => {
      const parsed = remediateJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError('invalid remediation job data');
      return runRemediation(opts.deps, parsed.data.approvalId);
    },
    {
      connection: createWorkerConnection(opts.redisUrl),
      concurrency: opts.concurrency ?? 2,
      lockDuration,
      stalledInterval: Math.min(30_000, lockDuration),
      maxStalledCount: 0,
    },
  );
  worker.on('failed', (job, err) => opts.logger.warn({ jobId: job?.id, err }, 'remediation job failed'));
  worker.on('error', (err) => opts.logger.error({ err }, 'remediation worker error'));

  let reaping = false;
  const reapNow = async (): Promise<number> => {
    if (reaping) return 0;
    reaping = true;
    try {
      return await reapAbandoned(opts.store, opts.reporter, limits, opts.logger);
    } catch (err) {
      opts.logger.warn({ err }, 'reaper round failed');
      return 0;
    } finally {
      reaping = false;
    }
  };
  const timer = setInterval(() => void reapNow(), opts.reap?.intervalMs ?? 5000);
  timer.unref();
  return {
    worker,
    reapNow,
    async close() {
      clearInterval(timer);
      await worker.close();
    },
  };
}
