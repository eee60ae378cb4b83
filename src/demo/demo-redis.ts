import { execa, type ResultPromise } from 'execa';
import type { Logger } from '../logger.js';
import { createProducerConnection, pingRedis, waitForReady } from '../queue/redis-connections.js';
import { freePort } from './free-port.js';

/** The Redis the demo uses: the one at REDIS_URL, or a private `redis-server` it owns and stops. */
export interface DemoRedis {
  url: string;
  /** The pid of the private redis-server; undefined when an existing Redis is used. */
  pid: number | undefined;
  /** Stop the private server (SIGTERM, then SIGKILL after 3 s); nothing for a shared one. */
  stop: () => Promise<void>;
  /** Last resort on process exit: synchronous SIGKILL. */
  killNow: () => void;
}

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** Does a Redis answer PING at `url` within `timeoutMs`? */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const redis = createProducerConnection(url, { retryStrategy: () => null, connectTimeout: timeoutMs });
  redis.on('error', () => undefined);
  try {
    return (await waitForReady(redis, timeoutMs)) && (await pingRedis(redis, timeoutMs));
  } finally {
    redis.disconnect();
  }
}

async function waitUntilAnswers(url: string, child: ResultPromise, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) return false;
    if (await redisAnswers(url, 1000)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Use the Redis at `url` when it answers; otherwise start `redis-server` on a free port, without
 * persistence (`--save "" --appendonly no`). It runs in its own process group so a Ctrl-C in the
 * terminal reaches only the demo, which then stops it after the workers have finished with it.
 */
export async function ensureRedis(url: string, logger: Logger, binary = 'redis-server'): Promise<DemoRedis> {
  if (await redisAnswers(url)) {
    logger.info({ url }, 'demo: using the Redis at REDIS_URL');
    return { url, pid: undefined, stop: () => Promise.resolve(), killNow: () => undefined };
  }
  const port = await freePort();
  const privateUrl = `redis://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = execa(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    { detached: true, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false },
  );
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 20));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const done = child.then(
    () => {
      exited = true;
    },
    () => {
      exited = true;
    },
  );
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (err) => resolve(err));
  });
  if (spawnError) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${url} and ${binary} could not be started (${spawnError.message}); ` +
        'install redis-server or set REDIS_URL to a running Redis',
    );
  }
  const killNow = () => {
    if (!exited) child.kill('SIGKILL');
  };
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(killNow, 3000);
    await done;
    clearTimeout(timer);
  };
  if (!(await waitUntilAnswers(privateUrl, child, 30_000))) {
    await stop();
    throw new RedisUnavailableError(
      `Redis does not answer at ${url}, and the private redis-server did not start: ${output.slice(-3).join(' | ')}`,
    );
  }
  logger.info({ url: privateUrl, pid: child.pid }, 'demo: started a private redis-server');
  return { url: privateUrl, pid: child.pid, stop, killNow };
}
