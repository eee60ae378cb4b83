import { Queue } from 'bullmq';
import type { ExitCode } from './index.js';
import { loadConfig } from '../config/config.js';
import { parseEnv } from '../config/env.js';
import { healthRoutes } from '../http/health-routes.js';
import { logger } from '../logger.js';
import { Metrics } from '../metrics/metrics.js';
import { DIAGNOSE_QUEUE } from '../queue/diagnose-job.js';
import { HostQueues } from '../queue/enqueue-host-diagnosis.js';
import {
  createProducerConnection,
  pingRedis,
  waitForReady,
  withDeadline,
} from '../queue/redis-connections.js';
import { createSlackApp } from '../slack/create-slack-app.js';
import { actionHandlerDeps, remediationForProcess } from '../actions/remediation-runtime.js';
import { startDiagnoseWorkers, untilSignal, type RunningWorkers } from './worker-runtime.js';

/**
 * `gw502 serve`: the Slack receiver plus `workers` in-process diagnose workers. Starts even when Redis
 * is down (commands then answer "Redis is not answering" and /healthz says 503) so a Redis restart does
 * not take the bot's voice away.
 */
export async function runServe(opts: { workers: number }): Promise<ExitCode> {
  let env, config;
  try {
    env = parseEnv();
    config = loadConfig(env.GW502_CONFIG);
  } catch (err) {
    process.stderr.write(`gw502 serve: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const metrics = new Metrics({ defaultMetrics: true });
  const redis = createProducerConnection(env.REDIS_URL);
  redis.on('error', (err) => logger.debug({ err }, 'redis (producer) connection error'));
  const queue = new Queue(DIAGNOSE_QUEUE, { connection: redis });
  queue.on('error', (err) => logger.debug({ err }, 'queue error'));
  const hostQueues = new HostQueues(redis);
  metrics.watchQueue(DIAGNOSE_QUEUE, () => withDeadline(queue.getJobCounts(), 500, 'queue depth'));

  let app;
  let remediation;
  try {
    remediation = remediationForProcess({ env, config, logger, redis });
    app = createSlackApp({
      actions: actionHandlerDeps({ ...remediation, config, diagnoseQueue: queue, logger }),
      env,
      logger,
      commands: { config, queue, redis, hostQueues, metrics, logger },
      customRoutes: healthRoutes({
        metrics,
        healthy: async () => {
          const redisOk = await pingRedis(redis, 500);
          const queueOk =
            redisOk &&
            (await withDeadline(queue.getJobCounts('waiting'), 500, 'queue').then(
              () => true,
              () => false,
            ));
          return {
            ok: redisOk && queueOk,
            detail: { redis: redisOk ? 'ok' : 'down', queue: queueOk ? 'ok' : 'down' },
          };
        },
      }),
    });
  } catch (err) {
    process.stderr.write(`gw502 serve: ${err instanceof Error ? err.message : String(err)}\n`);
    redis.disconnect();
    return 2;
  }

  if (!(await waitForReady(redis, 2000)))
    logger.warn({ redis: env.REDIS_URL }, 'Redis is not answering; commands will say so');
  await app.start();
  logger.info(
    { port: env.PORT, socketMode: env.SLACK_APP_TOKEN !== undefined, workers: opts.workers },
    'gw502 serve started',
  );

  let running: RunningWorkers | undefined;
  if (opts.workers > 0) {
    running = startDiagnoseWorkers({ env, config, logger, metrics, concurrency: 2, count: opts.workers });
  }

  await untilSignal(logger);
  // Stop taking commands first, then let running diagnoses finish and post their results.
  await app.stop().catch((err: unknown) => logger.warn({ err }, 'receiver did not stop cleanly'));
  await running?.close();
  await remediation.remediation.close();
  await hostQueues.close();
  await queue.close().catch(() => undefined);
  redis.disconnect();
  logger.info('gw502 serve stopped');
  // Everything is finished; a lingering retry timer in a client library must not keep the process alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  return 0;
}
