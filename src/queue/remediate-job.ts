import type { Queue } from 'bullmq';
import { z } from 'zod';

/** The remediation queue: one job per approved action. */
export const REMEDIATE_QUEUE = 'remediate';

export const remediateJobSchema = z.object({ approvalId: z.string().min(1).max(64) }).strict();
export type RemediateJobData = z.infer<typeof remediateJobSchema>;

/**
 * Never retried and never re-run after a stall: a remediation that failed half-way must be looked at by a
 * person, not repeated by a machine. The job id is derived from the approval only to drop accidental
 * duplicate adds cheaply; the real exactly-once guard is the approval's atomic state in Redis
 * (docs/decisions/0003-approval-guard-not-job-ids.md), since BullMQ forgets ids once jobs are removed.
 */
export const REMEDIATE_JOB_OPTIONS = {
  attempts: 1,
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1000 },
};

export const remediateJobId = (approvalId: string): string => `remediate.${approvalId}`;

export async function enqueueRemediation(queue: Queue, approvalId: string): Promise<string> {
  const data: RemediateJobData = { approvalId };
  const job = await queue.add('remediate', data, {
    ...REMEDIATE_JOB_OPTIONS,
    jobId: remediateJobId(approvalId),
  });
  return job.id ?? remediateJobId(approvalId);
}

/** Host actions' job name on `host-<host>`: the agent there runs it (its diagnose jobs have other names). */
export const HOST_REMEDIATE_JOB = 'restart-proxy';

/** Same options and id as the cluster queue's: one attempt; the approval state is the real guard. */
export async function enqueueHostRemediation(queue: Queue, approvalId: string): Promise<string> {
  const data: RemediateJobData = { approvalId };
  const job = await queue.add(HOST_REMEDIATE_JOB, data, {
    ...REMEDIATE_JOB_OPTIONS,
    jobId: remediateJobId(approvalId),
  });
  return job.id ?? remediateJobId(approvalId);
}
