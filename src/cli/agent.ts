import { remediationOfferHook } from '../actions/remediation-runtime.js';
import { slackOutOf } from '../actions/slack-out.js';
import { loadConfig } from '../config/config.js';
import { parseEnv } from '../config/env.js';
import { diagnoseHost } from '../host/diagnose-host.js';
import { restartProxy } from '../host/restart-proxy.js';
import { restartRequestFor } from '../host/restart-request-for.js';
import { logger } from '../logger.js';
import { hostName, type HostDiagnoseJobData } from '../queue/diagnose-job.js';
import { startHostAgent, type RunningHostAgent } from '../queue/host-agent.js';
import {
  hostDiagnosisOptionsFor,
  parseHostAgentOptions,
  type HostAgentOptions,
} from '../queue/host-agent-options.js';
import type { RunDiagnosis } from '../queue/process-diagnose-job.js';
import { SlackPoster } from '../slack/slack-poster.js';
import type { ExitCode } from './index.js';
import { untilSignal } from './worker-runtime.js';

/** The host engine as the agent's queue sees it: the job's service with this host's configured defaults. */
export function hostEngineRunner(options: HostAgentOptions, host: string): RunDiagnosis<HostDiagnoseJobData> {
  return (data, onCheck) =>
    diagnoseHost({ ...hostDiagnosisOptionsFor(options, data.service, host), onCheck });
}

/**
 * `gw502 agent --host NAME`: consume `host-NAME` and answer `/gw502 diagnose-host NAME <service>` from this
 * host (no SSH, no inbound port). Env: REDIS_URL, SLACK_BOT_TOKEN, SLACK_API_URL, GW502_CONFIG (incident
 * channel) and the GW502_AGENT_* defaults in src/queue/host-agent-options.ts. Exit 2 when it cannot start.
 */
export async function runAgent(opts: { host: string }): Promise<ExitCode> {
  const host = hostName.safeParse(opts.host);
  if (!host.success) {
    process.stderr.write(`gw502 agent: invalid --host "${opts.host}": ${host.error.issues[0]?.message}\n`);
    return 2;
  }
  let agent: RunningHostAgent;
  try {
    const env = parseEnv();
    const options = parseHostAgentOptions();
    const config = loadConfig(env.GW502_CONFIG);
    if (!env.SLACK_BOT_TOKEN)
      throw new Error('SLACK_BOT_TOKEN is not set (the agent posts results to Slack)');
    const slack = new SlackPoster({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, logger });
    agent = await startHostAgent({
      host: host.data,
      redisUrl: env.REDIS_URL,
      slack,
      logger,
      runDiagnosis: hostEngineRunner(options, host.data),
      remediation: {
        restart: async (spec) =>
          restartProxy(await restartRequestFor(spec.host.proxy, { proxyConfig: options.proxyConfig })),
      },
      offerActions: (redis) => remediationOfferHook(redis, config, slackOutOf(slack), logger),
      lockDurationMs: env.GW502_JOB_LOCK_MS,
    });
  } catch (err) {
    process.stderr.write(`gw502 agent: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  logger.info({ host: host.data, agentId: agent.agentId }, 'gw502 agent started');
  await untilSignal(logger);
  await agent.close();
  logger.info({ host: host.data }, 'gw502 agent stopped');
  // A client retry timer may linger after close; the work is done, so do not wait on it.
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  return 0;
}
