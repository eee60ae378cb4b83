import type { Worker } from 'bullmq';
import type { Gw502Config } from '../config/config.js';
import type { Gw502Env } from '../config/env.js';
import { DiagnoseError, diagnoseApp } from '../diagnosis/diagnose-app.js';
import { loadKubeConfig } from '../k8s/kube-config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { createDiagnoseWorker } from '../queue/diagnose-worker.js';
import { createDiagnoseProcessor, type RunDiagnosis } from '../queue/process-diagnose-job.js';
import { createWorkerConnection } from '../queue/redis-connections.js';
import { SlackPoster } from '../slack/slack-poster.js';
import { remediationForProcess, remediationOfferHook } from '../actions/remediation-runtime.js';
import { slackOutOf } from '../actions/slack-out.js';

/** The engine as the queue sees it: a fresh KubeConfig per job (rotated credentials are picked up). */
export function engineRunner(config: Gw502Config): RunDiagnosis {
  return async (data, onCheck, signal) => {
    let kubeConfig;
    try {
      kubeConfig = loadKubeConfig();
    } catch (err) {
      throw new DiagnoseError('config', err instanceof Error ? err.message : String(err));
    }
    return diagnoseApp({ app: data.app, namespace: data.namespace, kubeConfig, config, onCheck, signal });
  };
}

export interface RunningWorkers {
  workers: Worker[];
  /** Stop taking jobs, let running ones finish, then disconnect. */
  close(): Promise<void>;
}

/** Start `count` diagnose workers sharing one Slack client and one Redis connection for bookkeeping. */
export function startDiagnoseWorkers(opts: {
  env: Gw502Env;
  config: Gw502Config;
  logger: Logger;
  metrics: Metrics;
  concurrency: number;
  count?: number;
  runDiagnosis?: RunDiagnosis;
}): RunningWorkers {
  const { env } = opts;
  if (!env.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set (workers post results to Slack)');
  const redis = createWorkerConnection(env.REDIS_URL);
  const slack = new SlackPoster({
    token: env.SLACK_BOT_TOKEN,
    apiUrl: env.SLACK_API_URL,
    logger: opts.logger,
    metrics: opts.metrics,
  });
  const processor = createDiagnoseProcessor({
    redis,
    slack,
    runDiagnosis: opts.runDiagnosis ?? engineRunner(opts.config),
    logger: opts.logger,
    metrics: opts.metrics,
    offerActions: remediationOfferHook(redis, opts.config, slackOutOf(slack), opts.logger),
  });
  // Remediation jobs (approved actions) run in the same worker processes.
  const remediation = remediationForProcess({ env, config: opts.config, logger: opts.logger });
  remediation.remediation.startWorker();
  const workers = Array.from({ length: opts.count ?? 1 }, () =>
    createDiagnoseWorker({
      redisUrl: env.REDIS_URL,
      processor,
      concurrency: opts.concurrency,
      lockDurationMs: env.GW502_JOB_LOCK_MS,
      logger: opts.logger,
      metrics: opts.metrics,
    }),
  );
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await remediation.remediation.close();
      remediation.redis.disconnect();
      redis.disconnect();
    },
  };
}

/** Resolve on the first SIGTERM/SIGINT. */
export function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => {
      logger.info({ signal: sig }, 'shutting down: no new jobs, finishing running ones');
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(sig);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
