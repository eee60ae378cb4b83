import { execa, type ResultPromise } from 'execa';
import { freePort } from '../../src/demo/free-port.js';

/** A whole `gw502 demo` process, as a newcomer starts it, on a free port with a private Redis. */
export interface DemoProcess {
  child: ResultPromise;
  pageUrl: string;
  pagePort: number;
  clusterPort: number;
  redisPort: number;
  redisPid: number;
  output: () => string;
}

/** Start `node bin/gw502.js demo` and wait for the banner (the app answers by then). */
export async function startDemoProcess(opts: { timeoutMs?: number } = {}): Promise<DemoProcess> {
  const pagePort = await freePort();
  // Nothing listens on port 1, so the demo must start (and later stop) its own redis-server.
  const child = execa('node', ['bin/gw502.js', 'demo'], {
    env: { ...process.env, PORT: String(pagePort), REDIS_URL: 'redis://127.0.0.1:1', GW502_CONFIG: '' },
    reject: false,
    buffer: false,
    stdin: 'ignore',
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const deadline = Date.now() + (opts.timeoutMs ?? 150_000);
  while (!out.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`gw502 demo exited early:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gw502 demo did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pageUrl = /open (http:\/\/\S+)/.exec(out)?.[1];
  const clusterPort = /Simulated cluster: http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
  const redis = /Redis: redis:\/\/127\.0\.0\.1:(\d+) \(private, pid (\d+)\)/.exec(out);
  if (!pageUrl || !clusterPort || !redis) throw new Error(`unexpected banner:\n${out}`);
  return {
    child,
    pageUrl,
    pagePort,
    clusterPort: Number(clusterPort),
    redisPort: Number(redis[1]),
    redisPid: Number(redis[2]),
    output: () => out,
  };
}

/** Is a process with this pid still alive (and not a zombie)? */
export async function processAlive(pid: number): Promise<boolean> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}
