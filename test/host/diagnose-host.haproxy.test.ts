import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.js';
import { haproxyCfg, request, startHaproxy, tempDir } from './helpers/real-proxies.js';
import { allEvidence, check, Cleanup, diagnose } from './helpers/scenario.js';
import {
  startBrokenUpstream,
  startHttpUpstream,
  startKeepaliveDroppingUpstream,
} from './helpers/upstreams.js';

/**
 * The real HAProxy (Debian's 2.6) in front of misbehaving upstreams, its log written to a file through
 * `log stdout`: the termination states it logs (SC, sH, SH, PH, <NOSRV>) must lead to the right cause.
 */
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function haproxyInFront(backend: string) {
  const dir = cleanup.dir(await tempDir('gw502-haproxy-'));
  const port = await freePort();
  const cfg = haproxyCfg(
    `frontend web\n  bind 127.0.0.1:${port}\n  default_backend checkout\nbackend checkout\n${backend}`,
  );
  const proxy = cleanup.add(await startHaproxy(dir, cfg, port));
  return { proxy, port };
}

const fire = async (port: number, n: number, method = 'GET'): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await request(port, '/', method));
  // HAProxy writes the log line when the session closes; give it a moment to reach the file.
  await new Promise((r) => setTimeout(r, 200));
  return out;
};

describe('diagnose-host against real HAProxy', () => {
  it('SC-- 503: the server refuses → upstream-connection-refused', async () => {
    const dead = await freePort();
    const { proxy, port } = await haproxyInFront(`  retries 0\n  server s1 127.0.0.1:${dead}`);
    expect(await fire(port, 2)).toEqual([503, 503]);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('upstream-connection-refused');
    expect(check(r, 'host-proxy-logs').summary).toMatch(/2× refused/);
    expect(check(r, 'host-proxy-process').summary).toMatch(/haproxy running .*config test ok/);
  });

  it('server refuses while --upstream answers → target-port-mismatch', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const wrong = await freePort();
    const { proxy, port } = await haproxyInFront(`  retries 0\n  server s1 127.0.0.1:${wrong}`);
    await fire(port, 1);
    const r = await diagnose({
      service: 'checkout',
      proxyConfig: proxy.configPath,
      proxyLog: proxy.logPath,
      upstream: `127.0.0.1:${app.port}`,
    });
    expect(r.verdict.cause).toBe('target-port-mismatch');
  });

  it('all servers DOWN by health check, <NOSRV> 503 → upstream-connection-refused', async () => {
    const dead = await freePort();
    const { proxy, port } = await haproxyInFront(`  server s1 127.0.0.1:${dead} check inter 100ms fall 1`);
    await new Promise((r) => setTimeout(r, 400));
    expect(await fire(port, 2)).toEqual([503, 503]);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('upstream-connection-refused');
    expect(check(r, 'host-proxy-logs').summary).toMatch(/no-live-upstreams/);
    expect(allEvidence(r)).toMatch(/<NOSRV>/);
  });

  it('sH-- 504: timeout server shorter than the app → proxy-timeout-too-low', async () => {
    const app = cleanup.add(await startHttpUpstream(1500));
    const { proxy, port } = await haproxyInFront(`  timeout server 500ms\n  server s1 127.0.0.1:${app.port}`);
    expect(await fire(port, 2)).toEqual([504, 504]);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('proxy-timeout-too-low');
    expect(r.verdict.summary).toMatch(/0.5 s read timeout/);
    expect(allEvidence(r)).toMatch(/ sH-- /);
  });

  it('SH-- 502 on reused server connections (http-reuse always) → keepalive-mismatch', async () => {
    const app = cleanup.add(await startKeepaliveDroppingUpstream(400));
    const { proxy, port } = await haproxyInFront(`  http-reuse always\n  server s1 127.0.0.1:${app.port}`);
    const statuses = await fire(port, 6, 'POST');
    expect(statuses).toContain(502);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('keepalive-mismatch');
    expect(check(r, 'host-timeouts-keepalive').evidence.join('\n')).toMatch(
      /closed an idle keep-alive connection/,
    );
  });

  it('PH-- 502: invalid response → unknown with the HAProxy lines as evidence', async () => {
    const app = cleanup.add(await startBrokenUpstream());
    const { proxy, port } = await haproxyInFront(`  server s1 127.0.0.1:${app.port}`);
    expect(await fire(port, 2)).toEqual([502, 502]);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('unknown');
    expect(check(r, 'host-proxy-logs').evidence.join('\n')).toMatch(/ PH-- /);
  });

  it('healthy backend → healthy', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const { proxy, port } = await haproxyInFront(`  server s1 127.0.0.1:${app.port}`);
    expect(await fire(port, 3)).toEqual([200, 200, 200]);
    const r = await diagnose({ service: 'checkout', proxyConfig: proxy.configPath, proxyLog: proxy.logPath });
    expect(r.verdict.cause).toBe('healthy');
  });
});
