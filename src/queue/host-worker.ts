import { Worker, type Processor } from 'bullmq';
import type { RunResult } from '../actions/run-remediation.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';
import { hostQueueName, type HostDiagnoseJobData } from './diagnose-job.js';
import { createWorkerConnection } from './redis-connections.js';
import type { RemediateJobData } from './remediate-job.js';

/** What the host queue carries: diagnoses, and approved host actions (job name `restart-proxy`). */
export type HostJobData = HostDiagnoseJobData | RemediateJobData;
export type HostJobResult = DiagnosisReport | RunResult;

export interface HostWorkerOptions {
  redisUrl: string;
  host: string;
  processor: Processor<HostJobData, HostJobResult>;
  /**
   * Host diagnoses at once. Default 1: each one probes the proxy and the upstream and reads its logs; on a
   * web host already in trouble, a second concurrent probe adds load and no information.
   */
  concurrency?: number;
  /** Lock on an active job; a SIGKILLed agent's job is retried by the next agent after this (default 30 s). */
  lockDurationMs?: number;
  logger: Logger;
}

/** The agent's BullMQ worker on `host-<host>`. `close()` lets the running diagnosis finish. */
export function createHostWorker(opts: HostWorkerOptions): Worker<HostJobData, HostJobResult> {
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const worker = new Worker<HostJobData, HostJobResult>(hostQueueName(opts.host), opts.processor, {
    connection: createWorkerConnection(opts.redisUrl, { connectionName: `gw502-agent-${opts.host}` }),
    concurrency: opts.concurrency ?? 1,
    lockDuration,
    stalledInterval: Math.min(30_000, lockDuration),
    maxStalledCount: 1,
  });
  worker.on('stalled', (jobId) => opts.logger.warn({ jobId }, 'host job stalled (agent lost); retrying'));
  worker.on('error', (err) => opts.logger.error({ err }, 'agent worker error'));
  return worker;
}
