import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningProxy {
  dir: string;
  configPath: string;
  logPath: string;
  errorLogPath: string;
  accessLogPath: string;
  pid: number;
  stop(): Promise<void>;
}

export async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} never opened`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * nginx config body wrapped with everything nginx needs to run unprivileged in `dir`: pid, logs and temp
 * paths inside it. `{dir}` in the body is replaced by the directory.
 */
export function nginxConf(dir: string, http: string, logFormat?: string): string {
  const fmt = logFormat ?? '$remote_addr - [$time_local] "$request" $status $upstream_status $upstream_addr';
  return `pid ${dir}/nginx.pid;
error_log ${dir}/error.log error;
events { worker_connections 64; }
http {
  log_format gw '${fmt}';
  access_log ${dir}/access.log gw;
  client_body_temp_path ${dir}/client_temp;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
${http.replaceAll('{dir}', dir)}
}
`;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Start the real nginx in the foreground with `conf` (from `nginxConf`) and wait for `port`. */
export async function startNginx(dir: string, conf: string, port: number): Promise<RunningProxy> {
  const configPath = join(dir, 'nginx.conf');
  await writeFile(configPath, conf);
  const child = spawn(
    'nginx',
    ['-p', dir, '-c', configPath, '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not start: ${stderr}`, { cause: err });
  }
  return {
    dir,
    configPath,
    logPath: join(dir, 'error.log'),
    errorLogPath: join(dir, 'error.log'),
    accessLogPath: join(dir, 'access.log'),
    pid: child.pid!,
    stop: stopper(child),
  };
}

/** Start the real haproxy in the foreground (`-db`), its stdout log captured into `haproxy.log`. */
export async function startHaproxy(dir: string, cfg: string, port: number): Promise<RunningProxy> {
  const configPath = join(dir, 'haproxy.cfg');
  const logPath = join(dir, 'haproxy.log');
  await writeFile(configPath, cfg);
  const log = createWriteStream(logPath, { flags: 'a' });
  const child = spawn('haproxy', ['-f', configPath, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitForPort(port);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error('haproxy did not start', { cause: err });
  }
  const stop = stopper(child);
  return {
    dir,
    configPath,
    logPath,
    errorLogPath: logPath,
    accessLogPath: logPath,
    pid: child.pid!,
    stop: async () => {
      await stop();
      await new Promise<void>((r) => log.end(() => r()));
    },
  };
}

/** haproxy.cfg that logs HTTP lines to stdout (captured by `startHaproxy`). */
export function haproxyCfg(body: string): string {
  return `global
  log stdout format raw local0
defaults
  mode http
  log global
  option httplog
  timeout connect 1s
  timeout client 5s
  timeout server 5s
${body}
`;
}

/** Fire one request through the proxy; resolves with the status (0 when the connection failed). */
export async function request(port: number, path = '/', method = 'GET'): Promise<number> {
  const { request: httpRequest } = await import('node:http');
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: { 'content-length': '0', connection: 'close' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(10_000, () => req.destroy());
    req.end();
  });
}
