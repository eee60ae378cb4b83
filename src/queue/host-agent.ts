import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { ApprovalStore } from '../actions/approval-store.js';
import { RemediationReporter } from '../actions/remediation-report.js';
import { runHostRemediation, type HostRemediationDeps } from '../actions/run-host-remediation.js';
import { slackOutOf } from '../actions/slack-out.js';
import type { OfferHook } from '../actions/remediation-runtime.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';
import type { SlackPoster } from '../slack/slack-poster.js';
import type { HostDiagnoseJobData } from './diagnose-job.js';
import { startAgentHeartbeat, type AgentHeartbeat } from './host-agent-heartbeat.js';
import { hostDiagnoseJobKind } from './host-diagnose-job-kind.js';
import { createHostWorker, type HostJobData, type HostJobResult } from './host-worker.js';
import { HOST_REMEDIATE_JOB, remediateJobSchema } from './remediate-job.js';
import { createDiagnoseProcessor, type RunDiagnosis } from './process-diagnose-job.js';
import { createWorkerConnection, waitForReady, type Redis } from './redis-connections.js';

export interface HostAgentDeps {
  host: string;
  redisUrl: string;
  slack: SlackPoster;
  logger: Logger;
  runDiagnosis: RunDiagnosis<HostDiagnoseJobData>;
  /** Incident thread (and, once host remediation lands, buttons) for the result message; given the agent's Redis. */
  offerActions?: (redis: Redis) => OfferHook;
  /** Approved host actions (`restart-proxy` jobs on this queue); without it such jobs fail unrun. */
  remediation?: Pick<HostRemediationDeps, 'restart'> & { heartbeatMs?: number };
  /** How long start-up waits for Redis before giving up (default 10 s). */
  redisReadyTimeoutMs?: number;
  lockDurationMs?: number;
  heartbeatIntervalMs?: number;
  updateIntervalMs?: number;
}

export interface RunningHostAgent {
  worker: Worker<HostJobData, HostJobResult>;
  agentId: string;
  /** Announce absence first (new requests get "no agent" at once), then finish the running job. */
  close(): Promise<void>;
}

export class AgentStartError extends Error {
  override name = 'AgentStartError';
}

/**
 * The host agent: a worker on `host-<host>` running the shared diagnose processor (same live message,
 * same history), announced by a heartbeat only once it is ready to take jobs.
 */
export async function startHostAgent(deps: HostAgentDeps): Promise<RunningHostAgent> {
  const redis = createWorkerConnection(deps.redisUrl, { connectionName: `gw502-agent-${deps.host}-state` });
  const log = deps.logger.child({ host: deps.host });
  if (!(await waitForReady(redis, deps.redisReadyTimeoutMs ?? 10_000))) {
    redis.disconnect();
    throw new AgentStartError(`Redis at ${new URL(deps.redisUrl).host} is not answering`);
  }
  const processor = createDiagnoseProcessor({
    kind: hostDiagnoseJobKind(deps.host),
    redis,
    slack: deps.slack,
    runDiagnosis: deps.runDiagnosis,
    logger: log,
    ...(deps.offerActions ? { offerActions: deps.offerActions(redis) } : {}),
    ...(deps.updateIntervalMs ? { updateIntervalMs: deps.updateIntervalMs } : {}),
  });
  const agentId = `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
  const remediation = deps.remediation;
  const hostDeps: HostRemediationDeps | undefined = remediation && {
    host: deps.host,
    store: new ApprovalStore(redis),
    redis,
    reporter: new RemediationReporter({ redis, slack: slackOutOf(deps.slack), logger: log }),
    restart: remediation.restart,
    rediagnose: (rec, group) =>
      deps.runDiagnosis(
        {
          host: deps.host,
          service: rec.spec.host?.service ?? rec.spec.app,
          channel: group.channel,
          user: rec.approvedBy ?? rec.spec.requester,
          requestedAt: new Date().toISOString(),
        },
        () => undefined,
        new AbortController().signal,
      ),
    heartbeatMs: remediation.heartbeatMs ?? 5000,
    workerId: agentId,
    logger: log,
  };
  const worker = createHostWorker({
    redisUrl: deps.redisUrl,
    host: deps.host,
    processor: async (job, token) => {
      if (job.name !== HOST_REMEDIATE_JOB)
        return processor(job as Job<HostDiagnoseJobData, DiagnosisReport>, token);
      const parsed = remediateJobSchema.safeParse(job.data);
      if (!parsed.success || !hostDeps) throw new UnrecoverableError('cannot run this host action here');
      return runHostRemediation(hostDeps, parsed.data.approvalId);
    },
    logger: log,
    ...(deps.lockDurationMs ? { lockDurationMs: deps.lockDurationMs } : {}),
  });
  let heartbeat: AgentHeartbeat;
  try {
    await worker.waitUntilReady();
    heartbeat = await startAgentHeartbeat({
      redis,
      host: deps.host,
      agentId,
      info: { pid: process.pid, machine: hostname() },
      logger: log,
      ...(deps.heartbeatIntervalMs ? { intervalMs: deps.heartbeatIntervalMs } : {}),
    });
  } catch (err) {
    await worker.close(true).catch(() => undefined);
    redis.disconnect();
    throw err;
  }
  return {
    worker,
    agentId,
    async close() {
      await heartbeat.stop();
      await worker.close();
      redis.disconnect();
    },
  };
}
