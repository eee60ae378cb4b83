import { freePort } from '../src/demo/free-port.js';
import { execa, type ResultPromise } from 'execa';

/**
 * Before the suite:
 * - bundle the CLI once (esbuild, a few seconds): whole-process tests run the real `bin/gw502.js`;
 * - start a private Redis with 256 databases, so every test file that needs Redis owns a database of its
 *   own (files run in parallel and flush their database) without touching the machine's Redis.
 *   Test files read it from GW502_TEST_REDIS_URL (see test/helpers/test-redis.ts).
 */
let redis: ResultPromise | undefined;

async function startPrivateRedis(): Promise<void> {
  const port = await freePort();
  redis = execa(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--databases', '256', '--save', '', '--appendonly', 'no'],
    { reject: false, stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const ping = await execa('redis-cli', ['-p', String(port), 'ping'], { reject: false });
    if (ping.stdout.trim() === 'PONG') {
      process.env.GW502_TEST_REDIS_URL = url;
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the private redis-server for the tests did not start');
}

export default async function setup(): Promise<() => Promise<void>> {
  await execa('node', ['scripts/build.mjs'], { stdio: 'inherit' });
  await startPrivateRedis();
  return async () => {
    redis?.kill('SIGTERM');
    await redis;
  };
}
