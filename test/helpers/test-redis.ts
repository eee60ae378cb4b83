/**
 * The Redis the tests use: the suite's private server (256 databases, started by test/global-setup.ts),
 * else the machine's. Each test file passes its own database number; numbers are listed in
 * test/helpers/redis-databases.md so that no two files share one.
 */
export const TEST_REDIS_BASE = process.env.GW502_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testRedisUrl(db: number): string {
  return `${TEST_REDIS_BASE}/${db}`;
}
