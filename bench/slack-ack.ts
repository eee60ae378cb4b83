/**
 * Slack ack benchmark: 100 concurrent signed `/gw502 diagnose` commands against the real Bolt receiver
 * with an in-process worker (as `gw502 serve --workers 1` runs), the fake Slack Web API and the simulated
 * cluster. Prints p50/p99 acknowledgement latency (goal p99 < 50 ms; Slack allows 3 s) and command → final
 * result message latency.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { startDiagnoseWorkers } from '../src/cli/worker-runtime.js';
import { parseConfig } from '../src/config/config.js';
import { parseEnv } from '../src/config/env.js';
import { healthRoutes } from '../src/http/health-routes.js';
import { Metrics } from '../src/metrics/metrics.js';
import { HostQueues } from '../src/queue/enqueue-host-diagnosis.js';
import {
  createProducerConnection,
  createWorkerConnection,
  waitForReady,
} from '../src/queue/redis-connections.js';
import { crashLoop } from '../src/sim/scenarios/crash-loop.js';
import { createSlackApp } from '../src/slack/create-slack-app.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { sendSlashCommand } from '../test/helpers/slack-signing.js';
import { waitForFinalMessages } from './final-messages.js';
import { median, percentile, startBenchSim } from './lib.js';

const SECRET = 'bench-secret';

export interface SlackAckResult {
  ackP50: number;
  ackP99: number;
  finalP50: number;
  finalP99: number;
  commands: number;
}

export async function benchSlackAck(
  opts: { commands?: number; redisDb?: number } = {},
): Promise<SlackAckResult> {
  const n = opts.commands ?? 100;
  const redisUrl = `${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}/${opts.redisDb ?? 10}`;
  const admin = createWorkerConnection(redisUrl);
  await admin.flushdb();
  const sim = await startBenchSim(crashLoop.objects);
  const slack = await new FakeSlack().start();
  process.env.KUBECONFIG = sim.kubeconfigPath;
  const logger = pino({ level: 'silent' });
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
  });
  const config = parseConfig({});
  const metrics = new Metrics();
  const redis = createProducerConnection(redisUrl);
  await waitForReady(redis, 5000);
  const queue = new Queue('diagnose', { connection: redis });
  const app = createSlackApp({
    env,
    logger,
    commands: { config, queue, redis, hostQueues: new HostQueues(redis), metrics, logger },
    customRoutes: healthRoutes({ metrics, healthy: () => Promise.resolve({ ok: true, detail: {} }) }),
  });
  const server = (await app.start(0)) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const workers = startDiagnoseWorkers({ env, config, logger, metrics, concurrency: 4 });
  try {
    // Warm-up: Bolt's first request verifies the token (auth.test); real deployments pay that once.
    await sendSlashCommand(url, SECRET, { text: 'help' });
    // Distinct apps so every command really enqueues (the same app would join one job): one is the
    // crash-looping `orders`, the others are not in the cluster and finish as app-not-found.
    const apps = Array.from({ length: n }, (_, i) => (i === 0 ? crashLoop.app : `app-${i}`));
    const sentAt = new Map<string, number>();
    const acks = await Promise.all(
      apps.map((app) => {
        sentAt.set(app, performance.now());
        return sendSlashCommand(url, SECRET, { text: `diagnose ${app} ${crashLoop.namespace}` });
      }),
    );
    const bad = acks.filter((a) => a.status !== 200 || !String(a.body.text).includes('Diagnosing'));
    if (bad.length > 0)
      throw new Error(`${bad.length} commands were not queued: ${JSON.stringify(bad[0]?.body)}`);
    const finals = await waitForFinalMessages(slack, n);
    const ackMs = acks.map((a) => a.ms);
    const finalMs = apps.map((a) => (finals.get(a) ?? 0) - (sentAt.get(a) ?? 0));
    const result = {
      commands: n,
      ackP50: median(ackMs),
      ackP99: percentile(ackMs, 99),
      finalP50: median(finalMs),
      finalP99: percentile(finalMs, 99),
    };
    const crashLoopFinal = finalMs[0] ?? 0;
    console.log(
      `\n## slack ack (${n} concurrent signed /gw502 diagnose, 1 in-process worker × concurrency 4)`,
    );
    console.log(
      `ack latency:          p50 ${result.ackP50.toFixed(1)} ms, p99 ${result.ackP99.toFixed(1)} ms (goal p99 < 50 ms, Slack limit 3000 ms)`,
    );
    console.log(
      `command → final msg:  p50 ${(result.finalP50 / 1000).toFixed(2)} s, p99 ${(result.finalP99 / 1000).toFixed(2)} s (queue drained by one worker)`,
    );
    console.log(
      `crash-loop app alone: ${(crashLoopFinal / 1000).toFixed(2)} s; Slack messages posted: ${slack.callsTo('chat.postMessage').length} for ${n} diagnoses`,
    );
    return result;
  } finally {
    await workers.close();
    await app.stop();
    await queue.close();
    redis.disconnect();
    admin.disconnect();
    await slack.close();
    await sim.stop();
  }
}
