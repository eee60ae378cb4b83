import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { demoShop } from '../sim/scenarios/demo-shop.js';
import { createSimRuntime } from '../sim/scenarios/index.js';
import { SimCluster } from '../sim/sim-cluster.js';
import { ChannelServer } from './channel-server.js';
import { writeDemoConfig } from './demo-config.js';
import { ensureRedis, type DemoRedis } from './demo-redis.js';
import { DEMO_APPROVER_USERS } from './demo-users.js';
import { freePort } from './free-port.js';

export interface DemoStackOptions {
  /** The page's port (PORT). */
  port: number;
  /** REDIS_URL as given; default redis://127.0.0.1:6379. */
  redisUrl?: string;
  logger: Logger;
}

/** Everything of the demo except the Slack app and its workers, which `gw502 serve`'s code runs. */
export interface DemoStack {
  pageUrl: string;
  channel: ChannelServer;
  cluster: SimCluster;
  redis: DemoRedis;
  /** The environment `gw502 serve` reads: Slack secrets, SLACK_API_URL → the page, Redis, cluster, config. */
  env: Record<string, string>;
  stop: () => Promise<void>;
  /** Synchronous last resort for process exit: kill the private Redis, remove the temp dir. */
  killNow: () => void;
}

/**
 * Start the page (first, so a taken port fails before anything else starts), the simulated cluster with
 * the demo shop and its kubeconfig, Redis, and the demo config. On any failure what was started is stopped.
 */
export async function startDemoStack(opts: DemoStackOptions): Promise<DemoStack> {
  const botToken = `xoxb-demo-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const appPort = await freePort();
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };

  const channel = new ChannelServer({
    port: opts.port,
    botToken,
    signingSecret,
    eventsUrl: () => `http://127.0.0.1:${appPort}/slack/events`,
    startUser: DEMO_APPROVER_USERS[0] ?? 'U0ONCALL',
    logger: opts.logger,
  });
  const pageUrl = await channel.start();
  cleanups.push(() => channel.stop());
  const dir = await mkdtemp(join(tmpdir(), 'gw502-demo-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  let redis: DemoRedis | undefined;
  try {
    // Redis before the cluster: the cluster's reconcile loop competes for the event loop on a busy machine.
    redis = await ensureRedis(opts.redisUrl ?? 'redis://127.0.0.1:6379', opts.logger);
    // Last to stop: the app's connections are closed by then.
    cleanups.unshift(redis.stop);
    const cluster = new SimCluster({ runtime: createSimRuntime(demoShop), scenarios: [demoShop] });
    await cluster.start(0);
    cleanups.push(() => cluster.stop());
    const kubeconfig = join(dir, 'kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    const config = await writeDemoConfig(dir);
    const env = {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: channel.apiUrl,
      REDIS_URL: redis.url,
      KUBECONFIG: kubeconfig,
      GW502_CONFIG: config,
      PORT: String(appPort),
    };
    const theRedis = redis;
    return {
      pageUrl,
      channel,
      cluster,
      redis: theRedis,
      env,
      stop: stopAll,
      killNow: () => {
        theRedis.killNow();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
