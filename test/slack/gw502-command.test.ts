import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { parseConfig } from '../../src/config/config.js';
import { parseEnv } from '../../src/config/env.js';
import { healthRoutes } from '../../src/http/health-routes.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { HostQueues } from '../../src/queue/enqueue-host-diagnosis.js';
import { beatAgentHeartbeat } from '../../src/queue/agent-heartbeat.js';
import { recordHistory } from '../../src/queue/history-store.js';
import {
  createProducerConnection,
  pingRedis,
  waitForReady,
  type Redis,
} from '../../src/queue/redis-connections.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { sendSlashCommand } from '../helpers/slack-signing.js';
import { freshRedis, redisUrlFor } from '../queue/redis-db.js';

const SECRET = 'test-signing-secret';
const logger = pino({ level: 'silent' });

interface Running {
  app: App;
  url: string;
  redis: Redis;
  queue: Queue;
  metrics: Metrics;
}

let slack: FakeSlack;
let admin: Redis;
let up: Running;
let down: Running;

/** A real Bolt app on an ephemeral port, wired as `gw502 serve` wires it. */
async function startApp(redisUrl: string): Promise<Running> {
  const env = parseEnv({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
  });
  const redis = createProducerConnection(redisUrl);
  redis.on('error', () => undefined);
  await waitForReady(redis, 2000);
  const queue = new Queue('diagnose', { connection: redis });
  queue.on('error', () => undefined);
  const metrics = new Metrics();
  const app = createSlackApp({
    env,
    logger,
    commands: {
      config: parseConfig({ namespaces: ['shop', 'payments'] }),
      queue,
      redis,
      hostQueues: new HostQueues(redis),
      metrics,
      logger,
    },
    customRoutes: healthRoutes({
      metrics,
      healthy: async () => ({ ok: await pingRedis(redis, 300), detail: {} }),
    }),
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, redis, queue, metrics };
}

const send = (
  r: Running,
  text: string,
  extra: { timestamp?: number; signWith?: string; channel?: string } = {},
) =>
  sendSlashCommand(
    `${r.url}/slack/events`,
    SECRET,
    { text, responseUrl: slack.responseUrl('cmd'), ...(extra.channel ? { channel: extra.channel } : {}) },
    extra,
  );

beforeAll(async () => {
  slack = await new FakeSlack().start();
  admin = await freshRedis(23);
  up = await startApp(redisUrlFor(23));
  // Nothing listens on port 1: Redis is "down" for this app from the start.
  down = await startApp('redis://127.0.0.1:1');
}, 60_000);
beforeEach(async () => {
  await admin.flushdb();
});
afterAll(async () => {
  for (const r of [up, down]) {
    await r.app.stop();
    await r.queue.close().catch(() => undefined);
    r.redis.disconnect();
  }
  admin.disconnect();
  await slack.close();
});

describe('/gw502 through Bolt’s real HTTP receiver', () => {
  it('refuses a bad signature and a timestamp older than 5 minutes with 401, and queues nothing', async () => {
    const forged = await send(up, 'diagnose checkout shop', { signWith: 'wrong-secret' });
    expect(forged.status).toBe(401);
    const stale = await send(up, 'diagnose checkout shop', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    expect(await up.queue.count()).toBe(0);
  });

  it('answers help and bad input with usage, ephemerally, never a stack trace', async () => {
    const help = await send(up, 'help');
    expect(help.status).toBe(200);
    expect(help.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(help.body.blocks)).toContain('/gw502 diagnose <app> <namespace>');
    const bad = await send(up, 'diagnose Checkout; rm -rf /');
    expect(bad.status).toBe(200);
    expect(JSON.stringify(bad.body)).toContain('usage');
    expect(JSON.stringify(bad.body)).not.toMatch(/at \w+ \(|Error:/);
    expect(checkMessageLimits(bad.body)).toEqual([]);
  });

  it('queues a diagnosis and joins a second request for the same app, telling the user', async () => {
    const first = await send(up, 'diagnose checkout shop');
    expect(first.status).toBe(200);
    expect(first.body.text).toMatch(
      /Diagnosing checkout in shop… the result will appear in this channel \(job diagnose\.shop\.checkout\./,
    );
    const second = await send(up, 'diagnose checkout shop');
    expect(second.body.text).toContain('A diagnosis of checkout in shop is already queued');
    expect(second.body.text).toContain('I joined you to it');
    expect(await up.queue.count()).toBe(1);
    const job = (await up.queue.getJobs(['waiting']))[0];
    expect(job?.data).toMatchObject({
      app: 'checkout',
      namespace: 'shop',
      channel: 'C0OPS',
      user: 'U0ONCALL',
      responseUrl: slack.responseUrl('cmd'),
    });
  });

  it('refuses a namespace outside the allowlist before queueing', async () => {
    const r = await send(up, 'diagnose coredns kube-system');
    expect(r.body.text).toContain(
      'Namespace kube-system is not one gw502 may diagnose. Allowed: shop, payments.',
    );
    expect(await up.queue.count()).toBe(0);
  });

  it('history lists finished diagnoses', async () => {
    await recordHistory(admin, {
      app: 'checkout',
      namespace: 'shop',
      cause: 'oom-killed',
      confidence: 'high',
      summary: 'OOMKilled at 512Mi',
      jobId: 'j1',
      finishedAt: new Date().toISOString(),
      durationMs: 800,
    });
    const r = await send(up, 'history checkout shop');
    expect(JSON.stringify(r.body.blocks)).toContain('`oom-killed` (high)');
    const all = await send(up, 'history');
    expect(JSON.stringify(all.body.blocks)).toContain('OOMKilled at 512Mi');
  });

  it('diagnose-host answers at once when no agent was seen, and queues on host-<host> when one was', async () => {
    const none = await send(up, 'diagnose-host web-1 shop');
    expect(none.body.text).toContain('No gw502 agent has been seen for host web-1');
    await beatAgentHeartbeat(admin, 'web-1');
    const ok = await send(up, 'diagnose-host web-1 shop');
    expect(ok.body.text).toContain('Diagnosing shop on web-1');
    const hostQueue = new Queue('host-web-1', { connection: admin });
    expect(await hostQueue.count()).toBe(1);
    await hostQueue.close();
  });

  it('with Redis down, still acks within the budget and says Redis is not answering', async () => {
    const started = Date.now();
    const r = await send(down, 'diagnose checkout shop');
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(r.body.text).toContain("gw502 can't queue this right now: its job queue (Redis) is not answering");
    const h = await send(down, 'history');
    expect(h.body.text).toContain('Redis');
  });

  it('/healthz is 200 with Redis and 503 without; /metrics exposes gw502_ metrics', async () => {
    expect((await fetch(`${up.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${down.url}/healthz`)).status).toBe(503);
    await send(up, 'help');
    const metrics = await (await fetch(`${up.url}/metrics`)).text();
    expect(metrics).toContain('gw502_commands_total{command="help"}');
    expect(metrics).toContain('gw502_command_ack_seconds_bucket');
  });
});
