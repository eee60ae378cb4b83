import { Worker, type Processor } from 'bullmq';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { DIAGNOSE_QUEUE, type DiagnoseJobData } from './diagnose-job.js';
import { createWorkerConnection } from './redis-connections.js';

export interface DiagnoseWorkerOptions {
  redisUrl: string;
  processor: Processor<DiagnoseJobData, DiagnosisReport>;
  /** Jobs run at once by this worker; diagnoses are I/O-bound (API calls), so a few per core is fine. */
  concurrency: number;
  /**
   * Lock on an active job, renewed at half this while the worker lives. A SIGKILLed worker stops renewing;
   * after this long the stalled-job check hands the job to another worker (BullMQ default 30 s).
   */
  lockDurationMs?: number;
  logger: Logger;
  metrics?: Metrics;
}

/** A BullMQ worker on the `diagnose` queue, with outcome metrics and logs. `close()` lets active jobs finish. */
export function createDiagnoseWorker(opts: DiagnoseWorkerOptions): Worker<DiagnoseJobData, DiagnosisReport> {
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const worker = new Worker<DiagnoseJobData, DiagnosisReport>(DIAGNOSE_QUEUE, opts.processor, {
    connection: createWorkerConnection(opts.redisUrl),
    concurrency: opts.concurrency,
    lockDuration,
    // Check for stalled jobs as often as a lock can expire, so a lost job waits at most ~2 lock periods.
    stalledInterval: Math.min(30_000, lockDuration),
    // One take-over after a crash; a job that kills its worker twice is failed rather than looping.
    maxStalledCount: 1,
  });
  worker.on('completed', () => opts.metrics?.jobs.inc({ queue: DIAGNOSE_QUEUE, outcome: 'completed' }));
  worker.on('failed', (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    if (final) opts.metrics?.jobs.inc({ queue: DIAGNOSE_QUEUE, outcome: 'failed' });
  });
  worker.on('stalled', (jobId) =>
    opts.logger.warn({ jobId }, 'job stalled (worker lost); it will be retried'),
  );
  worker.on('error', (err) => opts.logger.error({ err }, 'worker error'));
  return worker;
}
