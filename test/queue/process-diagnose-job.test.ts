import { spawn } from 'node:child_process';
import { Queue, type Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { DiagnoseError } from '../../src/diagnosis/diagnose-app.js';
import type { CheckResult, DiagnosisReport } from '../../src/diagnosis/report.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { activeDiagnosisKey, type DiagnoseJobData } from '../../src/queue/diagnose-job.js';
import { createDiagnoseWorker } from '../../src/queue/diagnose-worker.js';
import { enqueueDiagnose } from '../../src/queue/enqueue-diagnose.js';
import { listHistory } from '../../src/queue/history-store.js';
import { createDiagnoseProcessor, type RunDiagnosis } from '../../src/queue/process-diagnose-job.js';
import { createProducerConnection, waitForReady, type Redis } from '../../src/queue/redis-connections.js';
import { SlackPoster } from '../../src/slack/slack-poster.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { crashLoopReport } from '../helpers/report-fixtures.js';
import { freshRedis, redisUrlFor } from './redis-db.js';

const DB = 20;
const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let redis: Redis;
let producer: Redis;
let queue: Queue;
let slack: FakeSlack;
let metrics: Metrics;
let workers: Worker[] = [];

function startWorker(
  runDiagnosis: RunDiagnosis,
  opts: { updateIntervalMs?: number; timeoutMs?: number; lockMs?: number } = {},
) {
  const processor = createDiagnoseProcessor({
    redis,
    slack: new SlackPoster({
      token: 'xoxb-test',
      apiUrl: slack.apiUrl,
      logger,
      metrics,
      retries: { retries: 3, factor: 1, minTimeout: 50, maxTimeout: 50 },
    }),
    runDiagnosis,
    logger,
    metrics,
    ...opts,
  });
  const w = createDiagnoseWorker({
    redisUrl: redisUrlFor(DB),
    processor,
    concurrency: 2,
    lockDurationMs: opts.lockMs ?? 30_000,
    logger,
    metrics,
  });
  workers.push(w);
  return w;
}

/** Emits `checks` one by one, `gapMs` apart, then returns the report. */
function scripted(
  checks: CheckResult[],
  gapMs: number,
  report: DiagnosisReport = crashLoopReport(),
): RunDiagnosis {
  return async (_d, onCheck) => {
    for (const [i, c] of checks.entries()) {
      await sleep(gapMs);
      onCheck(c, i + 1, checks.length);
    }
    return report;
  };
}

const job = (over: Partial<DiagnoseJobData> = {}): DiagnoseJobData => ({
  app: 'checkout',
  namespace: 'shop',
  channel: 'C0OPS',
  user: 'U0ONCALL',
  responseUrl: slack.responseUrl('cmd1'),
  requestedAt: new Date().toISOString(),
  ...over,
});

const checks = Array.from({ length: 10 }, (_, i): CheckResult => ({
  id: `check-${i}`,
  status: i === 3 ? 'fail' : 'ok',
  summary: `s${i}`,
  evidence: ['e'],
}));

async function finalOf(jobId: string): Promise<DiagnosisReport | undefined> {
  const j = await queue.getJob(jobId);
  return j?.returnvalue as DiagnosisReport | undefined;
}

beforeAll(async () => {
  redis = await freshRedis(DB);
  producer = createProducerConnection(redisUrlFor(DB));
  await waitForReady(producer, 5000);
  queue = new Queue('diagnose', { connection: producer });
  slack = await new FakeSlack().start();
});
beforeEach(async () => {
  await redis.flushdb();
  slack.calls.length = 0;
  slack.messages.clear();
  slack.responses.length = 0;
  metrics = new Metrics();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.close(true)));
  workers = [];
});
afterAll(async () => {
  await queue.close();
  producer.disconnect();
  redis.disconnect();
  await slack.close();
});

describe('diagnose job: one message, kept current, ending with the verdict', () => {
  it('posts "diagnosing…" once, updates it about once a second, ends with the verdict and records history', async () => {
    startWorker(scripted(checks, 250));
    const { jobId } = await enqueueDiagnose(queue, producer, job());
    const msg = await slack.waitFor(
      () => [...slack.messages.values()].find((m) => m.text.includes('bad rollout')),
      15_000,
      'final message',
    );
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(msg.history[0]!.text).toBe('Diagnosing checkout in shop… starting…');
    const progress = msg.history.slice(1, -1);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    // 10 checks over 2.5 s at ≤1 update/s: at most ~3-4 progress updates, not 10
    expect(progress.length).toBeLessThanOrEqual(4);
    expect(progress.some((p) => /\d+\/10 checks/.test(p.text))).toBe(true);
    for (const version of msg.history) expect(checkMessageLimits(version)).toEqual([]);
    const updates = slack.callsTo('chat.update');
    for (let i = 2; i < updates.length - 1; i += 1)
      expect(updates[i]!.at - updates[i - 1]!.at).toBeGreaterThanOrEqual(900);
    expect(JSON.stringify(msg.blocks)).toContain(`job \`${jobId}\``);
    await slack.waitFor(async () => (await finalOf(jobId)) !== undefined);
    expect((await listHistory(redis, { app: 'checkout', namespace: 'shop' }))[0]).toMatchObject({
      jobId,
      cause: 'bad-rollout',
      channel: 'C0OPS',
      ts: msg.ts,
    });
    expect(await redis.get(activeDiagnosisKey('checkout', 'shop'))).toBeNull();
    expect(await metrics.registry.getSingleMetricAsString('gw502_diagnosis_duration_seconds')).toContain(
      'cause="bad-rollout"',
    );
  });

  it('a transient failure is retried with backoff into the same message', async () => {
    let calls = 0;
    startWorker(
      async (d, onCheck, signal) => {
        calls += 1;
        if (calls === 1) throw new DiagnoseError('unreachable', 'cluster unreachable: connect ECONNREFUSED');
        return scripted(checks.slice(0, 2), 10)(d, onCheck, signal);
      },
      { updateIntervalMs: 50 },
    );
    await enqueueDiagnose(queue, producer, job());
    const msg = await slack.waitFor(
      () => [...slack.messages.values()].find((m) => m.text.includes('bad rollout')),
      15_000,
      'final',
    );
    expect(calls).toBe(2);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(msg.history.some((h) => h.text.includes('retrying after cluster unreachable'))).toBe(true);
  });

  it('bad input is not retried and the message says why', async () => {
    let calls = 0;
    startWorker(() => {
      calls += 1;
      return Promise.reject(
        new DiagnoseError('forbidden-namespace', 'namespace kube-system is not in the allowlist'),
      );
    });
    const { jobId } = await enqueueDiagnose(queue, producer, job());
    const msg = await slack.waitFor(
      () => [...slack.messages.values()].find((m) => m.text.startsWith('Could not diagnose')),
      10_000,
      'failure',
    );
    expect(msg.text).toBe(
      'Could not diagnose checkout in shop: namespace kube-system is not in the allowlist',
    );
    await sleep(2500);
    expect(calls).toBe(1);
    expect(await (await queue.getJob(jobId))!.getState()).toBe('failed');
    expect(await redis.get(activeDiagnosisKey('checkout', 'shop'))).toBeNull();
  });

  it('a diagnosis past its time budget fails the attempt as a timeout', async () => {
    let aborted = false;
    startWorker(
      (_d, _on, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          });
        }),
      { timeoutMs: 300 },
    );
    await enqueueDiagnose(queue, producer, job());
    await slack.waitFor(
      () =>
        [...slack.messages.values()].find((m) =>
          m.history.some((h) => h.text.includes('diagnosis took longer than 300 ms')),
        ),
      10_000,
      'timeout',
    );
    expect(aborted).toBe(true);
  });

  it('not in the channel: the requester gets an explanation and the result via response_url', async () => {
    startWorker(scripted(checks.slice(0, 3), 10));
    await enqueueDiagnose(queue, producer, job({ channel: 'C0NOTJOINED' }));
    await slack.waitFor(() => slack.responses.length >= 2, 10_000, 'two response_url posts');
    expect(slack.responses[0]!.body.text).toContain('not a member of <#C0NOTJOINED>');
    expect(slack.responses[0]!.body.response_type).toBe('ephemeral');
    expect(slack.responses[1]!.body.text).toContain('bad rollout');
    expect(slack.messages.size).toBe(0);
    expect(slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('Slack rate limits during updates delay the result but never duplicate it', async () => {
    slack.failNext('chat.update', { status: 429, retryAfter: 1 }, 2);
    slack.failNext('chat.postMessage', { status: 500 });
    startWorker(scripted(checks, 50), { updateIntervalMs: 100 });
    await enqueueDiagnose(queue, producer, job());
    const msg = await slack.waitFor(
      () => [...slack.messages.values()].find((m) => m.text.includes('bad rollout')),
      15_000,
      'final',
    );
    expect(slack.messages.size).toBe(1);
    expect(slack.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 200]);
    expect(slack.callsTo('chat.update').filter((c) => c.status === 429)).toHaveLength(2);
    expect(msg.history.at(-1)!.text).toContain('bad rollout');
  });

  it('a worker SIGKILLed mid-job: another worker takes the job over and updates the same message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/queue/fixtures/hanging-worker.ts'], {
      env: { ...process.env, REDIS_URL: redisUrlFor(DB), SLACK_API_URL: slack.apiUrl, LOCK_MS: '1500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const { jobId } = await enqueueDiagnose(queue, producer, job());
      await slack.waitFor(
        () => slack.callsTo('chat.update').length > 0,
        90_000,
        'first progress update from the doomed worker',
      );
      child.kill('SIGKILL');
      startWorker(scripted(checks.slice(0, 2), 10), { lockMs: 1000, updateIntervalMs: 50 });
      const msg = await slack.waitFor(
        () => [...slack.messages.values()].find((m) => m.text.includes('bad rollout')),
        30_000,
        'final after take-over',
      );
      expect(slack.callsTo('chat.postMessage').filter((c) => c.status === 200)).toHaveLength(1);
      expect(slack.messages.size).toBe(1);
      expect(JSON.stringify(msg.blocks)).toContain(jobId);
    } finally {
      child.kill('SIGKILL');
    }
  }, 150_000);
});
