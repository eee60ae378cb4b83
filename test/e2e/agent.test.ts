import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { agentHeartbeatKey } from '../../src/queue/agent-heartbeat.js';
import type { Redis } from '../../src/queue/redis-connections.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { sendSlashCommand } from '../helpers/slack-signing.js';
import { freePort } from '../host/helpers/free-port.js';
import { nginxConf, request, startNginx, tempDir, type RunningProxy } from '../host/helpers/real-proxies.js';
import { Cleanup } from '../host/helpers/scenario.js';
import { freshRedis, redisUrlFor } from '../queue/redis-db.js';

/**
 * `gw502 serve --workers 0` (the Slack side) and `gw502 agent --host NAME` (on the web host) as whole
 * processes sharing Redis: signed slash commands in, the fake Slack Web API out, a real nginx in front of
 * an upstream port nothing listens on, so the 502s and the error log lines are nginx's own.
 */
const SECRET = 'e2e-agent-secret';
const DB = 26;
const HOST = 'e2e-web-1';
const cleanup = new Cleanup();
let redis: Redis;
let slack: FakeSlack;
let serve: ResultPromise | undefined;
let agent: ResultPromise | undefined;
let port: number;
let proxy: RunningProxy;
const events = () => `http://127.0.0.1:${port}/slack/events`;

const baseEnv = () => ({
  ...process.env,
  SLACK_BOT_TOKEN: 'xoxb-e2e',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: slack.apiUrl,
  SLACK_APP_TOKEN: '',
  REDIS_URL: redisUrlFor(DB),
  GW502_CONFIG: '',
  LOG_LEVEL: 'info',
});

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  redis = await freshRedis(DB);
  slack = await new FakeSlack().start();
  const dir = cleanup.dir(await tempDir('gw502-e2e-agent-'));
  const proxyPort = await freePort();
  const dead = await freePort();
  proxy = cleanup.add(
    await startNginx(
      dir,
      nginxConf(
        dir,
        `server { listen 127.0.0.1:${proxyPort}; location / { proxy_pass http://127.0.0.1:${dead}; } }`,
      ),
      proxyPort,
    ),
  );
  for (let i = 0; i < 3; i++) expect(await request(proxyPort)).toBe(502);

  port = await freePort();
  serve = execa('node', ['bin/gw502.js', 'serve', '--workers', '0'], {
    env: { ...baseEnv(), PORT: String(port) },
    reject: false,
    forceKillAfterDelay: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await until(
    () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      ),
    'gw502 serve healthy',
    60_000,
  );
}, 90_000);

afterAll(async () => {
  agent?.kill('SIGTERM');
  serve?.kill('SIGTERM');
  await Promise.all([agent, serve]);
  await cleanup.run();
  await slack?.close();
  redis?.disconnect();
});

describe('gw502 agent --host (whole processes, real nginx)', () => {
  it('a host with no agent gets the answer at once, with nothing queued', async () => {
    const r = await sendSlashCommand(events(), SECRET, { text: `diagnose-host ${HOST} shop` });
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    expect(r.body.text).toContain(`No gw502 agent has been seen for host ${HOST}`);
    expect(await redis.keys(`bull:host-${HOST}:*`)).toEqual([]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('an invalid --host is refused with one line, exit 2', async () => {
    const r = await execa('node', ['bin/gw502.js', 'agent', '--host', 'Web_1!'], {
      env: baseEnv(),
      reject: false,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/invalid --host "Web_1!"/);
  });

  it('with the agent running: one message posted, then updated to the host verdict from nginx’s own log', async () => {
    agent = execa('node', ['bin/gw502.js', 'agent', '--host', HOST], {
      env: {
        ...baseEnv(),
        GW502_AGENT_PROXY: 'nginx',
        GW502_AGENT_PROXY_CONFIG: proxy.configPath,
        GW502_AGENT_PROXY_LOG: proxy.errorLogPath,
        // No systemd unit of the machine's may stand in for the service.
        GW502_AGENT_UNITS: 'shop=gw502-test-none',
      },
      reject: false,
      forceKillAfterDelay: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const beat = await until(
      async () => (await redis.get(agentHeartbeatKey(HOST))) ?? undefined,
      'agent heartbeat',
    );
    expect(JSON.parse(beat)).toMatchObject({ agentId: expect.any(String), pid: agent.pid });

    const r = await sendSlashCommand(events(), SECRET, {
      text: `diagnose-host ${HOST} shop`,
      responseUrl: slack.responseUrl('host1'),
    });
    expect(r.ms).toBeLessThan(3000);
    expect(r.body.text).toContain(`Diagnosing shop on ${HOST}`);

    const final = await slack.waitFor(
      () =>
        slack
          .channelMessages('C0OPS')
          .find((m) => m.text.includes('on e2e-web-1') && !m.text.includes('Diagnosing')),
      60_000,
      'final host verdict',
    );
    expect(slack.callsTo('chat.postMessage').filter((c) => c.status === 200)).toHaveLength(1);
    expect(final.history[0]!.text).toContain(`Diagnosing shop in host ${HOST}`);
    expect(final.history.length).toBeGreaterThanOrEqual(2);
    const blocks = JSON.stringify(final.blocks);
    expect(blocks).toContain('`upstream-connection-refused`');
    expect(blocks).toContain('Connection refused');
    for (const v of final.history) expect(checkMessageLimits(v)).toEqual([]);

    const history = await sendSlashCommand(events(), SECRET, { text: `history shop ${HOST}` });
    expect(JSON.stringify(history.body.blocks)).toContain('`upstream-connection-refused`');
  }, 120_000);

  it('SIGTERM: the agent stops cleanly and removes its heartbeat, so the next request is told at once', async () => {
    agent!.kill('SIGTERM');
    const result = await agent!;
    agent = undefined;
    expect(result.signal).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(String(result.stdout)).toContain('gw502 agent stopped');
    expect(await redis.exists(agentHeartbeatKey(HOST))).toBe(0);
    const r = await sendSlashCommand(events(), SECRET, { text: `diagnose-host ${HOST} shop` });
    expect(r.body.text).toContain('No gw502 agent has been seen');
  }, 60_000);
});
