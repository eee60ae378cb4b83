import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { UpstreamServer } from '../proxy/proxy-kind.js';
import type { KeepaliveProbe, ProbeResult } from './host-snapshot.js';

const DEFAULT_TIMEOUT_MS = 5000;

function tcpConnect(
  target: UpstreamServer,
  timeoutMs: number,
): Promise<Pick<ProbeResult, 'tcp' | 'tcpDetail'>> {
  return new Promise((resolve) => {
    const s = connect({ host: target.host, port: target.port });
    const done = (r: Pick<ProbeResult, 'tcp' | 'tcpDetail'>): void => {
      s.destroy();
      resolve(r);
    };
    s.setTimeout(timeoutMs, () => done({ tcp: 'timeout', tcpDetail: `no answer within ${timeoutMs} ms` }));
    s.once('connect', () => done({ tcp: 'ok' }));
    s.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') done({ tcp: 'refused', tcpDetail: 'connection refused' });
      else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
        done({ tcp: 'unresolvable', tcpDetail: `${target.host} could not be resolved` });
      else done({ tcp: 'error', tcpDetail: err.code ?? err.message });
    });
  });
}

function httpGet(
  target: UpstreamServer,
  path: string,
  timeoutMs: number,
): Promise<NonNullable<ProbeResult['http']>> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        path,
        method: 'GET',
        agent: false,
        headers: { 'user-agent': 'gw502' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms() }));
        res.on('error', (err) => resolve({ error: err.message, ms: ms() }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        error:
          err.code === 'HPE_INVALID_HEADER_TOKEN'
            ? `invalid HTTP response (${err.code})`
            : err.code
              ? `${err.code}: ${err.message}`
              : err.message,
        ms: ms(),
      }),
    );
    req.end();
  });
}

/** The runbook's `curl -v --connect-timeout 5 http://<host>:<port>/health`: TCP connect, then HTTP GET. */
export async function probeUpstream(
  target: UpstreamServer,
  healthPath: string,
  role: ProbeResult['role'],
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ProbeResult> {
  const tcp = await tcpConnect(target, timeoutMs);
  const result: ProbeResult = { role, target, ...tcp };
  if (tcp.tcp === 'ok') result.http = await httpGet(target, healthPath, timeoutMs);
  return result;
}

/**
 * Measure the upstream's idle keep-alive: one request, then wait up to `waitMs` for the server to close the
 * idle connection; if it did not, send a second request on it and see whether it is answered.
 */
export function probeKeepaliveIdle(
  target: UpstreamServer,
  healthPath: string,
  waitMs: number,
): Promise<KeepaliveProbe> {
  const req = `GET ${healthPath} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\nUser-Agent: gw502\r\n\r\n`;
  return new Promise((resolve) => {
    const s: Socket = connect({ host: target.host, port: target.port });
    let phase: 'first' | 'idle' | 'second' | 'done' = 'first';
    let idleStart = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: KeepaliveProbe): void => {
      if (phase === 'done') return;
      phase = 'done';
      if (timer) clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    const guard = setTimeout(() => finish({ target, waitedMs: waitMs }), waitMs + 6000);
    s.once('close', () => clearTimeout(guard));
    s.once('connect', () => s.write(req));
    s.on('data', (chunk: Buffer) => {
      if (phase === 'first' && chunk.toString('latin1').startsWith('HTTP/')) {
        phase = 'idle';
        idleStart = performance.now();
        timer = setTimeout(() => {
          phase = 'second';
          s.write(req);
        }, waitMs);
      } else if (phase === 'second') {
        finish({ target, waitedMs: waitMs, reusedAnswered: true });
      }
    });
    const closed = (): void => {
      if (phase === 'idle')
        finish({ target, waitedMs: waitMs, closedAfterMs: Math.round(performance.now() - idleStart) });
      else if (phase === 'second') finish({ target, waitedMs: waitMs, reusedAnswered: false });
      else finish({ target, waitedMs: 0 });
    };
    s.once('end', closed);
    s.once('error', closed);
    s.once('close', closed);
  });
}
