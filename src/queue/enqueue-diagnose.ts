import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  DIAGNOSE_JOB_OPTIONS,
  DIAGNOSE_JOB_TIMEOUT_MS,
  activeDiagnosisKey,
  newDiagnoseJobId,
  type DiagnoseJobData,
} from './diagnose-job.js';
import { loadMessageRef, type MessageRef } from './message-ref-store.js';

export type EnqueueResult =
  | { kind: 'queued'; jobId: string }
  /** A diagnosis of the same app+namespace is queued or running; the caller joins it. */
  | {
      kind: 'joined';
      jobId: string;
      state: string;
      message?: MessageRef;
      requestedBy?: string;
      channel?: string;
    };

/**
 * The lock outlives every attempt of a job (timeout × attempts + backoff) so a crashed worker cannot leave
 * it forever; normally the worker releases it as soon as the job is final.
 */
export const ACTIVE_LOCK_TTL_MS = DIAGNOSE_JOB_TIMEOUT_MS * DIAGNOSE_JOB_OPTIONS.attempts + 60_000;

const COMPARE_AND_DELETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Queue a diagnosis unless one of the same app+namespace is already queued or running.
 *
 * `SET NX` on the active key decides atomically who starts the run, so two users typing the command in
 * the same second get one job. A key left by a job that already finished (worker died before releasing)
 * is detected by the job's state and replaced.
 */
export async function enqueueDiagnose(
  queue: Queue,
  redis: Redis,
  data: DiagnoseJobData,
): Promise<EnqueueResult> {
  const key = activeDiagnosisKey(data.app, data.namespace);
  for (let round = 0; round < 3; round += 1) {
    const jobId = newDiagnoseJobId(data.app, data.namespace);
    const won = await redis.set(key, jobId, 'PX', ACTIVE_LOCK_TTL_MS, 'NX');
    if (won === 'OK') {
      try {
        await queue.add('diagnose', data, { ...DIAGNOSE_JOB_OPTIONS, jobId });
      } catch (err) {
        await redis.eval(COMPARE_AND_DELETE, 1, key, jobId).catch(() => undefined);
        throw err;
      }
      return { kind: 'queued', jobId };
    }
    const existingId = await redis.get(key);
    if (existingId === null) continue; // released between our SET and GET: try to win it again
    const job = await queue.getJob(existingId);
    const state = job ? await job.getState() : 'unknown';
    if (!job || state === 'completed' || state === 'failed' || state === 'unknown') {
      await redis.eval(COMPARE_AND_DELETE, 1, key, existingId);
      continue;
    }
    const jobData = job.data as Partial<DiagnoseJobData>;
    return {
      kind: 'joined',
      jobId: existingId,
      state,
      message: await loadMessageRef(redis, existingId),
      requestedBy: jobData.user,
      channel: jobData.channel,
    };
  }
  throw new Error('could not queue: the active-diagnosis lock kept changing hands');
}

/** Called by the worker when a job is final (completed, or failed with no attempt left). */
export async function releaseActiveDiagnosis(
  redis: Redis,
  app: string,
  namespace: string,
  jobId: string,
): Promise<void> {
  await redis.eval(COMPARE_AND_DELETE, 1, activeDiagnosisKey(app, namespace), jobId);
}
