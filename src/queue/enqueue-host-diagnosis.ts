import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { agentSeen } from './agent-heartbeat.js';
import { DIAGNOSE_JOB_OPTIONS, hostQueueName, type HostDiagnoseJobData } from './diagnose-job.js';

export type HostEnqueueResult =
  { kind: 'queued'; jobId: string; queue: string } | { kind: 'no-agent'; host: string };

/**
 * Queue a host diagnosis on `host-<host>`, consumed only by that host's agent. Without a recent agent
 * heartbeat nothing would ever take the job, so the user is told at once instead.
 */
export class HostQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: Redis) {}

  async enqueue(data: HostDiagnoseJobData): Promise<HostEnqueueResult> {
    if (!(await agentSeen(this.redis, data.host))) return { kind: 'no-agent', host: data.host };
    const name = hostQueueName(data.host);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis });
      this.queues.set(name, queue);
    }
    const job = await queue.add('diagnose-host', data, DIAGNOSE_JOB_OPTIONS);
    return { kind: 'queued', jobId: job.id ?? '?', queue: name };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
