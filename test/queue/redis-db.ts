import { testRedisUrl } from '../helpers/test-redis.js';
import { createWorkerConnection, type Redis } from '../../src/queue/redis-connections.js';

/** Each test file uses its own Redis database so parallel files never see each other's keys. */
export function redisUrlFor(db: number): string {
  return testRedisUrl(db);
}

export async function freshRedis(db: number): Promise<Redis> {
  const redis = createWorkerConnection(redisUrlFor(db));
  await redis.flushdb();
  return redis;
}
