import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { crashLoop } from '../../src/sim/scenarios/crash-loop.js';
import { SimCluster } from '../../src/sim/sim-cluster.js';
import { WorldRuntime } from '../../src/sim/world-runtime.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { sendSlashCommand } from '../helpers/slack-signing.js';
import { freshRedis, redisUrlFor } from '../queue/redis-db.js';

/**
 * `gw502 serve` as a whole process (bin/gw502.js after `npm run build`), as the outside harness drives it:
 * signed slash commands in, the fake Slack Web API at SLACK_API_URL out, the simulated cluster behind.
 */
const SECRET = 'e2e-signing-secret';
const DB = 25;
let dir: string;
let cluster: SimCluster;
let slack: FakeSlack;
let serve: ResultPromise | undefined;
let port: number;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const p = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}

beforeAll(async () => {
  (await freshRedis(DB)).disconnect();
  dir = await mkdtemp(join(tmpdir(), 'gw502-serve-e2e-'));
  cluster = new SimCluster({ runtime: new WorldRuntime({ scenario: crashLoop }), scenarios: [crashLoop] });
  await cluster.start();
  await cluster.writeKubeconfig(join(dir, 'kubeconfig'));
  slack = await new FakeSlack().start();
  port = await freePort();
  serve = execa('node', ['bin/gw502.js', 'serve', '--workers', '1'], {
    env: {
      ...process.env,
      KUBECONFIG: join(dir, 'kubeconfig'),
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_APP_TOKEN: '',
      REDIS_URL: redisUrlFor(DB),
      PORT: String(port),
      GW502_CONFIG: '',
      LOG_LEVEL: 'info',
    },
    reject: false,
    // Graceful shutdown lets running jobs finish; do not let execa SIGKILL it after its default 5 s.
    forceKillAfterDelay: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('gw502 serve did not become healthy');
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  serve?.kill('SIGTERM');
  await serve;
  await cluster?.stop();
  await slack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('gw502 serve (whole process, simulated cluster)', () => {
  it('/gw502 diagnose: acked at once, one message posted, updated to the final verdict', async () => {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const r = await sendSlashCommand(url, SECRET, {
      text: `diagnose ${crashLoop.app} ${crashLoop.namespace}`,
      responseUrl: slack.responseUrl('c1'),
    });
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    expect(r.body.text).toContain(`Diagnosing ${crashLoop.app} in ${crashLoop.namespace}`);
    const joined = await sendSlashCommand(url, SECRET, {
      text: `diagnose ${crashLoop.app} ${crashLoop.namespace}`,
    });
    expect(joined.body.text).toContain('already');

    const final = await slack.waitFor(
      () => slack.channelMessages('C0OPS').find((m) => m.text.includes('crash-looping')),
      90_000,
      'final verdict message',
    );
    expect(slack.callsTo('chat.postMessage').filter((c) => c.status === 200)).toHaveLength(1);
    expect(final.history[0]!.text).toContain('Diagnosing');
    expect(final.history.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(final.blocks)).toContain('`crash-loop`');
    for (const v of final.history) expect(checkMessageLimits(v)).toEqual([]);

    const history = await sendSlashCommand(url, SECRET, {
      text: `history ${crashLoop.app} ${crashLoop.namespace}`,
    });
    expect(JSON.stringify(history.body.blocks)).toContain('`crash-loop`');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/gw502_jobs_total\{queue="diagnose",outcome="completed"\} 1/);
  }, 150_000);

  it('stops gracefully on SIGTERM', async () => {
    const started = Date.now();
    serve!.kill('SIGTERM');
    const result = await serve!;
    serve = undefined;
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(String(result.stdout)).toContain('gw502 serve stopped');
  }, 60_000);
});
