import { Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activeDiagnosisKey, type DiagnoseJobData } from '../../src/queue/diagnose-job.js';
import { enqueueDiagnose, releaseActiveDiagnosis } from '../../src/queue/enqueue-diagnose.js';
import { HostQueues } from '../../src/queue/enqueue-host-diagnosis.js';
import { beatAgentHeartbeat } from '../../src/queue/agent-heartbeat.js';
import { listHistory, recordHistory } from '../../src/queue/history-store.js';
import { saveMessageRef } from '../../src/queue/message-ref-store.js';
import { createProducerConnection, waitForReady, type Redis } from '../../src/queue/redis-connections.js';
import { freshRedis, redisUrlFor } from './redis-db.js';

const DB = 22;
let redis: Redis;
let producer: Redis;
let queue: Queue;

const data = (app = 'checkout', namespace = 'shop', user = 'U0A'): DiagnoseJobData => ({
  app,
  namespace,
  channel: 'C0OPS',
  user,
  requestedAt: new Date().toISOString(),
});

beforeAll(async () => {
  redis = await freshRedis(DB);
  producer = createProducerConnection(redisUrlFor(DB));
  expect(await waitForReady(producer, 5000)).toBe(true);
  queue = new Queue('diagnose', { connection: producer });
});
beforeEach(async () => {
  await redis.flushdb();
});
afterAll(async () => {
  await queue.close();
  producer.disconnect();
  redis.disconnect();
});

describe('enqueueDiagnose', () => {
  it('queues the first request and joins the second of the same app+namespace to it', async () => {
    const first = await enqueueDiagnose(queue, producer, data());
    expect(first.kind).toBe('queued');
    const second = await enqueueDiagnose(queue, producer, data('checkout', 'shop', 'U0B'));
    expect(second).toMatchObject({
      kind: 'joined',
      jobId: first.jobId,
      state: 'waiting',
      requestedBy: 'U0A',
      channel: 'C0OPS',
    });
    const other = await enqueueDiagnose(queue, producer, data('payments', 'shop'));
    expect(other.kind).toBe('queued');
    expect((await queue.getJobCounts('waiting')).waiting).toBe(2);
  });

  it('tells a joiner where the result message is once it is posted', async () => {
    const first = await enqueueDiagnose(queue, producer, data());
    await saveMessageRef(redis, first.jobId, { channel: 'C0OPS', ts: '1700000000.000200' });
    const joined = await enqueueDiagnose(queue, producer, data());
    expect(joined).toMatchObject({ kind: 'joined', message: { channel: 'C0OPS', ts: '1700000000.000200' } });
  });

  it('twenty simultaneous requests make exactly one job', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        enqueueDiagnose(queue, producer, data('checkout', 'shop', `U${i}`)),
      ),
    );
    expect(results.filter((r) => r.kind === 'queued')).toHaveLength(1);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
    expect(await queue.count()).toBe(1);
  });

  it('starts a new job after the previous one was released, or when the lock points at a finished/vanished job', async () => {
    const first = await enqueueDiagnose(queue, producer, data());
    await releaseActiveDiagnosis(producer, 'checkout', 'shop', first.jobId);
    const second = await enqueueDiagnose(queue, producer, data());
    expect(second.kind).toBe('queued');
    expect(second.jobId).not.toBe(first.jobId);
    // a worker died before releasing and the job is gone: the stale lock is replaced
    await (await queue.getJob(second.jobId))!.remove();
    const third = await enqueueDiagnose(queue, producer, data());
    expect(third.kind).toBe('queued');
    expect(await redis.get(activeDiagnosisKey('checkout', 'shop'))).toBe(third.jobId);
    // releasing with a stale id does not drop someone else's lock
    await releaseActiveDiagnosis(producer, 'checkout', 'shop', first.jobId);
    expect(await redis.get(activeDiagnosisKey('checkout', 'shop'))).toBe(third.jobId);
  });

  it('jobs carry bounded retention and retry options', async () => {
    const { jobId } = await enqueueDiagnose(queue, producer, data());
    const job = await queue.getJob(jobId);
    expect(job?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 86400, count: 500 },
      removeOnFail: { count: 500 },
    });
  });
});

describe('host queues', () => {
  it('refuses at once when no agent heartbeat exists, queues on host-<host> when one does', async () => {
    const hosts = new HostQueues(producer);
    const req = {
      host: 'web-1',
      service: 'shop',
      channel: 'C0OPS',
      user: 'U0A',
      requestedAt: new Date().toISOString(),
    };
    expect(await hosts.enqueue(req)).toEqual({ kind: 'no-agent', host: 'web-1' });
    await beatAgentHeartbeat(producer, 'web-1');
    const r = await hosts.enqueue(req);
    expect(r).toMatchObject({ kind: 'queued', queue: 'host-web-1' });
    const hostQueue = new Queue('host-web-1', { connection: producer });
    expect(await hostQueue.count()).toBe(1);
    await hostQueue.close();
    await hosts.close();
  });
});

describe('history store', () => {
  it('keeps the newest entries, bounded overall and per app', async () => {
    for (let i = 0; i < 230; i += 1) {
      await recordHistory(redis, {
        app: i % 2 ? 'checkout' : 'payments',
        namespace: 'shop',
        cause: 'crash-loop',
        confidence: 'high',
        summary: `run ${i}`,
        jobId: `j${i}`,
        finishedAt: new Date().toISOString(),
        durationMs: i,
      });
    }
    expect(await redis.llen('gw502:history')).toBe(200);
    expect(await redis.llen('gw502:history:shop/checkout')).toBe(20);
    expect(await redis.ttl('gw502:history')).toBeGreaterThan(0);
    const recent = await listHistory(redis, { app: 'checkout', namespace: 'shop' }, 5);
    expect(recent.map((e) => e.jobId)).toEqual(['j229', 'j227', 'j225', 'j223', 'j221']);
    await redis.lpush('gw502:history', 'not json');
    expect((await listHistory(redis, undefined, 3)).map((e) => e.jobId)).toEqual(['j229', 'j228']);
  });
});
