import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentHeartbeatKey } from '../../src/queue/agent-heartbeat.js';
import { HostQueues } from '../../src/queue/enqueue-host-diagnosis.js';
import { loadMessageRef } from '../../src/queue/message-ref-store.js';
import { createProducerConnection, waitForReady, type Redis } from '../../src/queue/redis-connections.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { freePort } from '../host/helpers/free-port.js';
import { nginxConf, request, startNginx, tempDir, type RunningProxy } from '../host/helpers/real-proxies.js';
import { Cleanup } from '../host/helpers/scenario.js';
import { startHttpUpstream } from '../host/helpers/upstreams.js';
import { freshRedis, redisUrlFor } from '../queue/redis-db.js';

/**
 * The agent's lifecycle around a running diagnosis, as whole processes: SIGTERM finishes the job before
 * exiting; SIGKILL leaves it to the next agent, which updates the same message. The upstream answers in 4 s
 * behind nginx's 1 s read timeout, so the diagnosis (which probes it directly) is slow enough to interrupt.
 */
const DB = 24;
const HOST = 'e2e-web-2';
const cleanup = new Cleanup();
let redis: Redis;
let producer: Redis;
let hostQueues: HostQueues;
let slack: FakeSlack;
let proxy: RunningProxy;
let upstreamPort: number;
const agents: ResultPromise[] = [];

function startAgent(): ResultPromise {
  const child = execa('node', ['bin/gw502.js', 'agent', '--host', HOST], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: redisUrlFor(DB),
      GW502_CONFIG: '',
      GW502_JOB_LOCK_MS: '2000',
      GW502_AGENT_PROXY: 'nginx',
      GW502_AGENT_PROXY_CONFIG: proxy.configPath,
      GW502_AGENT_PROXY_LOG: proxy.errorLogPath,
      GW502_AGENT_UPSTREAMS: `shop=127.0.0.1:${upstreamPort}`,
      GW502_AGENT_UNITS: 'shop=gw502-test-none',
    },
    reject: false,
    forceKillAfterDelay: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  agents.push(child);
  return child;
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const request_ = () => ({
  host: HOST,
  service: 'shop',
  channel: 'C0OPS',
  user: 'U0ONCALL',
  requestedAt: new Date().toISOString(),
});
const finalMessage = () =>
  slack
    .channelMessages('C0OPS')
    .find((m) => m.text.includes(`shop on ${HOST}`) && !m.text.startsWith('Diagnosing'));

beforeAll(async () => {
  producer = createProducerConnection(redisUrlFor(DB));
  await waitForReady(producer, 5000);
  hostQueues = new HostQueues(producer);
  slack = await new FakeSlack().start();
  const upstream = cleanup.add(await startHttpUpstream(4000));
  upstreamPort = upstream.port;
  const dir = cleanup.dir(await tempDir('gw502-e2e-agent2-'));
  const port = await freePort();
  proxy = cleanup.add(
    await startNginx(
      dir,
      nginxConf(
        dir,
        `server { listen 127.0.0.1:${port}; location / { proxy_read_timeout 1s; proxy_pass http://127.0.0.1:${upstreamPort}; } }`,
      ),
      port,
    ),
  );
  for (let i = 0; i < 2; i++) expect(await request(port)).toBe(504);
}, 60_000);
beforeEach(async () => {
  redis = await freshRedis(DB);
  slack.calls.length = 0;
  slack.messages.clear();
});
afterEach(() => {
  for (const a of agents.splice(0)) a.kill('SIGKILL');
  redis.disconnect();
});
afterAll(async () => {
  await hostQueues.close();
  producer.disconnect();
  await slack.close();
  await cleanup.run();
});

describe('gw502 agent around a running diagnosis (whole processes)', () => {
  it('SIGTERM mid-diagnosis: heartbeat gone at once, the job still finishes into its message, then exit 0', async () => {
    const agent = startAgent();
    await until(async () => (await redis.exists(agentHeartbeatKey(HOST))) === 1, 'agent heartbeat');
    expect(await hostQueues.enqueue(request_())).toMatchObject({ kind: 'queued' });
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1, 20_000, 'first post');
    agent.kill('SIGTERM');
    await until(async () => (await redis.exists(agentHeartbeatKey(HOST))) === 0, 'heartbeat removed', 5000);
    expect(finalMessage()).toBeUndefined();
    const result = await agent;
    expect(result.exitCode).toBe(0);
    const final = finalMessage();
    expect(final, 'the verdict was posted before the agent exited').toBeDefined();
    expect(JSON.stringify(final!.blocks)).toContain('`proxy-timeout-too-low`');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  }, 60_000);

  it('SIGKILL mid-diagnosis: the next agent for the host takes the job over and updates the same message', async () => {
    const first = startAgent();
    await until(async () => (await redis.exists(agentHeartbeatKey(HOST))) === 1, 'agent heartbeat');
    const queued = await hostQueues.enqueue(request_());
    if (queued.kind !== 'queued') throw new Error('not queued');
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1, 20_000, 'first post');
    // Kill mid-diagnosis, after the message ts is recorded (the take-over contract starts there; the
    // few milliseconds between Slack's answer and that write are a documented window).
    await until(async () => (await loadMessageRef(redis, queued.jobId)) !== undefined, 'message ref stored');
    first.kill('SIGKILL');
    await first;
    expect(finalMessage()).toBeUndefined();

    const second = startAgent();
    const final = await slack.waitFor(finalMessage, 45_000, 'verdict from the second agent');
    expect(JSON.stringify(final.blocks)).toContain('`proxy-timeout-too-low`');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.channelMessages('C0OPS')).toHaveLength(1);
    second.kill('SIGTERM');
    expect((await second).exitCode).toBe(0);
  }, 90_000);
});
