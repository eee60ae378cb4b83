import { Redis, type RedisOptions } from 'ioredis';

/**
 * The only place that creates Redis connections. Two kinds, because they fail differently on purpose:
 *
 * - producer (slash-command side): must never hold up Slack's 3-second ack. `enableOfflineQueue: false`
 *   makes commands fail at once while disconnected instead of queueing in memory; `commandTimeout` bounds a
 *   half-dead server; one retry per request at most.
 * - worker (BullMQ Worker): blocking commands (BZPOPMIN) wait by design, and BullMQ requires
 *   `maxRetriesPerRequest: null` so a Redis blip pauses the worker rather than failing its jobs.
 */
export type { Redis };

/** How long a producer-side command may take before the user is told Redis is not answering. */
export const PRODUCER_COMMAND_TIMEOUT_MS = 1000;

function reconnectDelay(times: number): number {
  // Keep trying forever (a restart of Redis should heal us), backing off to 2 s.
  return Math.min(100 * 2 ** Math.min(times, 5), 2000);
}

export function createProducerConnection(url: string, extra: Partial<RedisOptions> = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectDelay,
    connectionName: 'gw502-producer',
    ...extra,
  });
}

export function createWorkerConnection(url: string, extra: Partial<RedisOptions> = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelay,
    connectionName: 'gw502-worker',
    ...extra,
  });
}

/** Resolve when the connection is ready, or after `timeoutMs` (false): start-up must not hang on Redis. */
export async function waitForReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/** PING with a hard deadline; false when Redis does not answer in time. */
export async function pingRedis(redis: Redis, timeoutMs = 500): Promise<boolean> {
  try {
    const answer = await withDeadline(redis.ping(), timeoutMs, 'redis ping');
    return answer === 'PONG';
  } catch {
    return false;
  }
}

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** Reject with DeadlineError when `promise` takes longer than `ms`. The promise itself is not cancelled. */
export async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer within ${ms} ms`)), ms);
  });
  // A late rejection of the original promise must not become an unhandled rejection.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
