import type { Queue } from 'bullmq';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Gw502Config } from '../config/config.js';
import type { Gw502Env } from '../config/env.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import { makeClients } from '../k8s/clients.js';
import { loadKubeConfig } from '../k8s/kube-config.js';
import type { Logger } from '../logger.js';
import { enqueueDiagnose } from '../queue/enqueue-diagnose.js';
import type { MessageRef } from '../queue/message-ref-store.js';
import { createWorkerConnection } from '../queue/redis-connections.js';
import type { ActionHandlerDeps } from '../slack/actions/register-action-handlers.js';
import { SlackPoster } from '../slack/slack-poster.js';
import type { ExpectedTarget } from './approval.js';
import { createRemediation, type Remediation } from './create-remediation.js';
import { readDeployment } from './deployment-api.js';
import { liveRevision } from './stale-guard.js';
import { reportToIncidentChannel } from './incident-thread.js';
import { offerActions, type OfferedActions } from './offer-actions.js';
import { slackOutOf, type SlackOut } from './slack-out.js';

/** What the diagnose worker calls with a finished report: buttons and notes for its result message. */
export type OfferHook = (
  report: DiagnosisReport,
  ctx: { message: MessageRef; requestedBy: string; jobId?: string },
) => Promise<Pick<OfferedActions, 'elements' | 'notes'>>;

/**
 * After a diagnosis: open/continue the incident thread, then store approvals and return their buttons.
 * Failures here never lose the result message: they are logged and the message goes out without buttons.
 */
export function remediationOfferHook(
  redis: Redis,
  config: Gw502Config,
  slack: SlackOut,
  logger: Logger,
  kubeConfig: () => KubeConfig = () => loadKubeConfig(),
): OfferHook {
  return async (report, ctx) => {
    await reportToIncidentChannel(slack, redis, config, report, ctx.message).catch((err: unknown) =>
      logger.warn({ err }, 'could not post to the incident channel'),
    );
    try {
      // Host reports act on the host's own proxy (through its agent), not on the cluster's proxy Deployment.
      const proxyTarget =
        !report.host && report.verdict.actions.some((a) => a.kind === 'restart-proxy')
          ? await proxyFingerprint(config, kubeConfig).catch((err: unknown) => {
              logger.warn(
                { err },
                'could not read the proxy deployment; its restart is guarded by name only',
              );
              return undefined;
            })
          : undefined;
      return await offerActions(redis, config, { report, ...ctx, proxyTarget });
    } catch (err) {
      logger.warn({ err }, 'could not offer remediation buttons');
      return { elements: [], notes: [':warning: Remediation buttons are unavailable right now (Redis?).'] };
    }
  };
}

/** The proxy Deployment as it is now: the restart-proxy stale guard compares against it. */
async function proxyFingerprint(
  config: Gw502Config,
  kubeConfig: () => KubeConfig,
): Promise<Partial<ExpectedTarget> | undefined> {
  const clients = makeClients(kubeConfig(), { requestTimeoutMs: 5000 });
  const d = await readDeployment(clients, config.proxy.namespace, config.proxy.deployment);
  if (!d?.metadata) return undefined;
  return {
    uid: d.metadata.uid,
    resourceVersion: d.metadata.resourceVersion,
    generation: d.metadata.generation,
    revision: liveRevision(d),
  };
}

function slackFor(env: Gw502Env, logger: Logger): SlackPoster {
  if (!env.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  return new SlackPoster({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, logger });
}

/** Remediation for one process (serve or worker), on its own Redis connection. */
export function remediationForProcess(opts: {
  env: Gw502Env;
  config: Gw502Config;
  logger: Logger;
  redis?: Redis;
}): {
  remediation: Remediation;
  slack: SlackOut;
  redis: Redis;
} {
  const poster = slackFor(opts.env, opts.logger);
  const slack = slackOutOf(poster);
  const redis = opts.redis ?? createWorkerConnection(opts.env.REDIS_URL);
  const remediation = createRemediation({
    redis,
    redisUrl: opts.env.REDIS_URL,
    config: opts.config,
    slack,
    usergroups: poster.client,
    loadKubeConfig: () => loadKubeConfig(),
    logger: opts.logger,
  });
  return { remediation, slack, redis };
}

/** The interactivity handlers' dependencies for `gw502 serve`. */
export function actionHandlerDeps(opts: {
  remediation: Remediation;
  slack: SlackOut;
  config: Gw502Config;
  diagnoseQueue: Queue;
  redis: Redis;
  logger: Logger;
}): ActionHandlerDeps {
  return {
    click: opts.remediation.click,
    slack: opts.slack,
    config: opts.config,
    logger: opts.logger,
    enqueueDiagnose: async (data) => {
      const r = await enqueueDiagnose(opts.diagnoseQueue, opts.redis, data);
      return r.kind === 'queued'
        ? `:mag: Diagnosing *${data.app}* in *${data.namespace}* again… the result will appear in this channel.`
        : `:hourglass_flowing_sand: A diagnosis of *${data.app}* in *${data.namespace}* is already running; its result will appear shortly.`;
    },
  };
}
