import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'bullmq';
import type { OfferHook } from '../actions/remediation-runtime.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';
import type { SlackPoster } from '../slack/slack-poster.js';
import type { HostDiagnoseJobData } from './diagnose-job.js';
import { startAgentHeartbeat, type AgentHeartbeat } from './host-agent-heartbeat.js';
import { hostDiagnoseJobKind } from './host-diagnose-job-kind.js';
import { createHostWorker } from './host-worker.js';
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
  /** How long start-up waits for Redis before giving up (default 10 s). */
  redisReadyTimeoutMs?: number;
  lockDurationMs?: number;
  heartbeatIntervalMs?: number;
  updateIntervalMs?: number;
}

export interface RunningHostAgent {
  worker: Worker<HostDiagnoseJobData, DiagnosisReport>;
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
  const worker = createHostWorker({
    redisUrl: deps.redisUrl,
    host: deps.host,
    processor,
    logger: log,
    ...(deps.lockDurationMs ? { lockDurationMs: deps.lockDurationMs } : {}),
  });
  const agentId = `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
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
