import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import type { CheckResult, DiagnosisReport } from '../../src/diagnosis/report.js';
import { DiagnoseHostError } from '../../src/host/diagnose-host.js';
import { agentHeartbeatKey, agentSeen } from '../../src/queue/agent-heartbeat.js';
import { hostQueueName, type HostDiagnoseJobData } from '../../src/queue/diagnose-job.js';
import { HostQueues } from '../../src/queue/enqueue-host-diagnosis.js';
import { startHostAgent, type RunningHostAgent } from '../../src/queue/host-agent.js';
import { listHistory } from '../../src/queue/history-store.js';
import type { RunDiagnosis } from '../../src/queue/process-diagnose-job.js';
import { createProducerConnection, waitForReady, type Redis } from '../../src/queue/redis-connections.js';
import { SlackPoster } from '../../src/slack/slack-poster.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { freshRedis, redisUrlFor } from './redis-db.js';

const DB = 21;
const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let redis: Redis;
let producer: Redis;
let hostQueues: HostQueues;
let slack: FakeSlack;
let agents: RunningHostAgent[] = [];

/** Poll an async condition (FakeSlack.waitFor takes synchronous ones). */
async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const hostReport = (service: string, host: string): DiagnosisReport => ({
  app: service,
  namespace: host,
  host,
  verdict: {
    cause: 'upstream-connection-refused',
    confidence: 'high',
    summary: `nginx on ${host} is refused by 127.0.0.1:9 (nothing listening).`,
    actions: [],
  },
  checks: [
    {
      id: 'host-proxy-logs',
      status: 'fail',
      summary: '3× connect() failed (111: Connection refused)',
      evidence: ['connect() failed (111: Connection refused) while connecting to upstream'],
    },
  ],
  durationMs: 40,
  finishedAt: new Date().toISOString(),
});

/** Reports two checks `gapMs` apart, then the host report; records what it was asked. */
function scripted(seen: HostDiagnoseJobData[], gapMs = 300): RunDiagnosis<HostDiagnoseJobData> {
  return async (data, onCheck) => {
    seen.push(data);
    const checks: CheckResult[] = [
      { id: 'host-upstream-health', status: 'skipped', summary: 'no systemd here', evidence: [] },
      {
        id: 'host-direct-connectivity',
        status: 'fail',
        summary: 'refused',
        evidence: ['127.0.0.1:9 refused'],
      },
    ];
    for (const [i, c] of checks.entries()) {
      await sleep(gapMs);
      onCheck(c, i + 1, checks.length);
    }
    return hostReport(data.service, data.host);
  };
}

async function agent(
  host: string,
  runDiagnosis: RunDiagnosis<HostDiagnoseJobData>,
  heartbeatIntervalMs?: number,
) {
  const a = await startHostAgent({
    host,
    redisUrl: redisUrlFor(DB),
    slack: new SlackPoster({
      token: 'xoxb-test',
      apiUrl: slack.apiUrl,
      logger,
      retries: { retries: 2, factor: 1, minTimeout: 50, maxTimeout: 50 },
    }),
    logger,
    runDiagnosis,
    updateIntervalMs: 100,
    ...(heartbeatIntervalMs ? { heartbeatIntervalMs } : {}),
  });
  agents.push(a);
  return a;
}

const request = (host: string, service = 'shop'): HostDiagnoseJobData => ({
  host,
  service,
  channel: 'C0OPS',
  user: 'U0ONCALL',
  responseUrl: slack.responseUrl('cmd'),
  requestedAt: new Date().toISOString(),
});

beforeAll(async () => {
  redis = await freshRedis(DB);
  producer = createProducerConnection(redisUrlFor(DB));
  await waitForReady(producer, 5000);
  hostQueues = new HostQueues(producer);
  slack = await new FakeSlack().start();
});
beforeEach(async () => {
  await redis.flushdb();
  slack.calls.length = 0;
  slack.messages.clear();
});
afterEach(async () => {
  await Promise.all(agents.map((a) => a.close()));
  agents = [];
});
afterAll(async () => {
  await hostQueues.close();
  producer.disconnect();
  redis.disconnect();
  await slack.close();
});

describe('host agent: its own queue, the same live message', () => {
  it('no agent yet → enqueue answers no-agent; once started it takes the job, posts once, updates to the verdict, records history', async () => {
    expect(await hostQueues.enqueue(request('web-1'))).toEqual({ kind: 'no-agent', host: 'web-1' });
    const seen: HostDiagnoseJobData[] = [];
    await agent('web-1', scripted(seen));
    expect(await agentSeen(producer, 'web-1')).toBe(true);
    const queued = await hostQueues.enqueue(request('web-1'));
    expect(queued).toMatchObject({ kind: 'queued', queue: 'host-web-1' });

    const msg = await slack.waitFor(
      () => slack.channelMessages('C0OPS').find((m) => m.text.includes('upstream')),
      15_000,
      'final host verdict',
    );
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(msg.history[0]!.text).toContain('Diagnosing shop in host web-1');
    expect(msg.history.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(msg.blocks)).toContain('`upstream-connection-refused`');
    expect(JSON.stringify(msg.blocks)).toContain('shop on web-1');
    for (const v of msg.history) expect(checkMessageLimits(v)).toEqual([]);
    expect(seen.map((d) => [d.host, d.service])).toEqual([['web-1', 'shop']]);
    await slack.waitFor(
      async () => (await listHistory(producer, { app: 'shop', namespace: 'web-1' })).length,
      5000,
    );
    const [entry] = await listHistory(producer, { app: 'shop', namespace: 'web-1' });
    expect(entry).toMatchObject({ cause: 'upstream-connection-refused', channel: 'C0OPS', ts: msg.ts });
  }, 30_000);

  it('the heartbeat is refreshed while the agent lives and removed on close, so Slack answers no-agent at once', async () => {
    const a = await agent('web-2', scripted([]), 150);
    const first = await producer.get(agentHeartbeatKey('web-2'));
    expect(JSON.parse(first!)).toMatchObject({ agentId: a.agentId, pid: process.pid });
    expect(await producer.ttl(agentHeartbeatKey('web-2'))).toBeGreaterThan(50);
    await sleep(400);
    const later = await producer.get(agentHeartbeatKey('web-2'));
    expect(JSON.parse(later!).at).not.toBe(JSON.parse(first!).at);
    await a.close();
    agents = [];
    expect(await agentSeen(producer, 'web-2')).toBe(false);
    expect(await hostQueues.enqueue(request('web-2'))).toEqual({ kind: 'no-agent', host: 'web-2' });
  });

  it("an agent stopping never removes another live agent's heartbeat for the same host", async () => {
    const first = await agent('web-3', scripted([]));
    const second = await agent('web-3', scripted([]));
    await first.close();
    // The second one's beat is what is stored now (it started last), and it must survive.
    expect(await agentSeen(producer, 'web-3')).toBe(true);
    await second.close();
    agents = [];
    expect(await agentSeen(producer, 'web-3')).toBe(false);
  });

  it('close() while a diagnosis runs: the job finishes into its message before the agent stops', async () => {
    const a = await agent('web-4', scripted([], 700));
    await hostQueues.enqueue(request('web-4'));
    await slack.waitFor(() => slack.callsTo('chat.postMessage').length === 1, 10_000, 'first post');
    await a.close();
    agents = [];
    const [msg] = slack.channelMessages('C0OPS');
    expect(msg!.text).toContain('upstream');
    expect(await agentSeen(producer, 'web-4')).toBe(false);
  }, 20_000);

  it('a job naming another host is refused without a retry or a message', async () => {
    await agent('web-5', scripted([]));
    const queue = new Queue(hostQueueName('web-5'), { connection: producer });
    try {
      const job = await queue.add('diagnose-host', request('web-6'), { attempts: 3 });
      await eventually(async () => (await queue.getJob(job.id!))?.failedReason, 'job failure');
      const failed = await queue.getJob(job.id!);
      expect(failed!.failedReason).toMatch(/another host/);
      expect(failed!.attemptsMade).toBe(1);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
    } finally {
      await queue.close();
    }
  });

  it('a host diagnosis that cannot run (bad agent option) is not retried and the message says why', async () => {
    let calls = 0;
    await agent('web-7', () => {
      calls++;
      return Promise.reject(new DiagnoseHostError('cannot read --proxy-config /etc/nginx/missing.conf'));
    });
    await hostQueues.enqueue(request('web-7'));
    const msg = await slack.waitFor(
      () => slack.channelMessages('C0OPS').find((m) => m.text.includes('Could not diagnose')),
      10_000,
      'failure message',
    );
    expect(msg.text).toContain('shop in host web-7');
    expect(msg.text).toContain('cannot read --proxy-config');
    await sleep(500);
    expect(calls).toBe(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
