import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './helpers/free-port.js';
import { nginxConf, request, startNginx, tempDir } from './helpers/real-proxies.js';
import { allEvidence, check, Cleanup, diagnose } from './helpers/scenario.js';
import {
  startBrokenUpstream,
  startHttpUpstream,
  startKeepaliveDroppingUpstream,
  startNxdomainDns,
  startResettingUpstream,
} from './helpers/upstreams.js';

/**
 * The real nginx (Debian's nginx-light) in front of misbehaving upstreams: real requests make it write
 * real 502/504 lines, and diagnose-host must name the cause from them.
 */
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function nginxInFront(server: (port: number) => string, upstreamBlock = '') {
  const dir = cleanup.dir(await tempDir('gw502-nginx-'));
  const port = await freePort();
  const conf = nginxConf(
    dir,
    `${upstreamBlock}\n  server {\n    listen 127.0.0.1:${port};\n${server(port)}\n  }`,
  );
  const proxy = cleanup.add(await startNginx(dir, conf, port));
  return { proxy, port };
}

const fire = async (port: number, n: number, path = '/', method = 'GET'): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await request(port, path, method));
  return out;
};

describe('diagnose-host against real nginx', () => {
  it('upstream refuses (nothing listening) → upstream-connection-refused from the 111 lines', async () => {
    const dead = await freePort();
    const { proxy, port } = await nginxInFront(() => `location / { proxy_pass http://127.0.0.1:${dead}; }`);
    expect(await fire(port, 3)).toEqual([502, 502, 502]);
    const r = await diagnose({ service: 'shop', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('upstream-connection-refused');
    expect(r.host).toBe('test-host');
    expect(check(r, 'host-proxy-process').status).toBe('ok');
    expect(check(r, 'host-proxy-logs').summary).toMatch(/3× refused/);
    expect(allEvidence(r)).toMatch(/connect\(\) failed \(111: Connection refused\)/);
  });

  it('proxy points at the wrong port while --upstream answers → target-port-mismatch', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const wrong = await freePort();
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://shop_app; }`,
      `upstream shop_app { server 127.0.0.1:${wrong}; }`,
    );
    await fire(port, 2);
    const r = await diagnose({
      service: 'shop',
      proxyConfig: proxy.configPath,
      upstream: `127.0.0.1:${app.port}`,
    });
    expect(r.verdict.cause).toBe('target-port-mismatch');
    expect(r.verdict.summary).toContain(`127.0.0.1:${wrong}`);
    expect(r.verdict.summary).toContain(`127.0.0.1:${app.port}`);
    expect(check(r, 'host-direct-connectivity').status).toBe('fail');
  });

  it('app slower than proxy_read_timeout → proxy-timeout-too-low (nginx answers 504, not 502)', async () => {
    const app = cleanup.add(await startHttpUpstream(1800));
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://127.0.0.1:${app.port}; proxy_read_timeout 1s; }`,
    );
    expect(await fire(port, 2)).toEqual([504, 504]);
    const r = await diagnose({ service: 'shop', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('proxy-timeout-too-low');
    expect(r.verdict.summary).toMatch(/1 s read timeout/);
    expect(allEvidence(r)).toMatch(/upstream timed out \(110/);
  });

  it('app drops reused keep-alive connections → keepalive-mismatch, measured from here', async () => {
    const app = cleanup.add(await startKeepaliveDroppingUpstream(400));
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }`,
      `upstream app { server 127.0.0.1:${app.port}; keepalive 4; keepalive_timeout 2s; }`,
    );
    // POSTs are not retried by nginx on another connection, so the dropped ones reach the client as 502.
    const statuses = await fire(port, 6, '/', 'POST');
    expect(statuses).toContain(502);
    expect(statuses).toContain(200);
    const r = await diagnose({ service: 'app', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('keepalive-mismatch');
    const ka = check(r, 'host-timeouts-keepalive');
    expect(ka.evidence.join('\n')).toMatch(
      /closed an idle keep-alive connection after \d+ ms; nginx keeps them 2 s/,
    );
    expect(ka.evidence.join('\n')).toMatch(/upstream prematurely closed connection/);
  });

  it('app sends an invalid header → unknown, with nginx’s own line as evidence', async () => {
    const app = cleanup.add(await startBrokenUpstream());
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://127.0.0.1:${app.port}; }`,
    );
    expect(await fire(port, 2)).toEqual([502, 502]);
    const r = await diagnose({ service: 'shop', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('unknown');
    expect(check(r, 'host-proxy-logs').evidence.join('\n')).toMatch(/upstream sent invalid header/);
  });

  it('app resets every connection (no keep-alive involved) → not keepalive-mismatch, reset lines as evidence', async () => {
    const app = cleanup.add(await startResettingUpstream());
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://127.0.0.1:${app.port}; }`,
    );
    expect(await fire(port, 2)).toEqual([502, 502]);
    const r = await diagnose({ service: 'shop', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('unknown');
    expect(check(r, 'host-proxy-logs').evidence.join('\n')).toMatch(/104: Connection reset by peer/);
  });

  it('upstream name does not resolve → dns-resolution', async () => {
    const dns = cleanup.add(await startNxdomainDns());
    const { proxy, port } = await nginxInFront(
      () =>
        `resolver 127.0.0.1:${dns.port} ipv6=off; location / { set $backend shop.invalid; proxy_pass http://$backend:8080; }`,
    );
    expect(await fire(port, 2)).toEqual([502, 502]);
    const r = await diagnose({ service: 'shop', proxyConfig: proxy.configPath });
    expect(r.verdict.cause).toBe('dns-resolution');
    expect(r.verdict.summary).toContain('shop.invalid');
  });

  it('everything answers → healthy, with the access log read through the config', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const { proxy, port } = await nginxInFront(
      () => `location / { proxy_pass http://127.0.0.1:${app.port}; }`,
    );
    expect(await fire(port, 3)).toEqual([200, 200, 200]);
    const r = await diagnose({
      service: 'shop',
      proxyConfig: proxy.configPath,
      upstream: `127.0.0.1:${app.port}`,
    });
    expect(r.verdict.cause).toBe('healthy');
    expect(check(r, 'host-upstream-health').status).toBe('skipped');
    expect(check(r, 'host-proxy-logs').evidence.join('\n')).toContain(join(proxy.dir, 'access.log'));
  });

  it('nginx not running → proxy-unhealthy with a restart-proxy action', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const dir = cleanup.dir(await tempDir('gw502-nginx-down-'));
    const port = await freePort();
    const configPath = join(dir, 'nginx.conf');
    await writeFile(
      configPath,
      nginxConf(
        dir,
        `server { listen 127.0.0.1:${port}; location / { proxy_pass http://127.0.0.1:${app.port}; } }`,
      ),
    );
    const r = await diagnose({ service: 'shop', proxyConfig: configPath, upstream: `127.0.0.1:${app.port}` });
    expect(r.verdict.cause).toBe('proxy-unhealthy');
    expect(r.verdict.actions[0]).toMatchObject({ kind: 'restart-proxy', target: 'host/test-host/nginx' });
    expect(check(r, 'host-proxy-process').evidence.join('\n')).toMatch(/not running/);
  });

  it('config test fails → proxy-unhealthy with nginx -t output, and no restart offered', async () => {
    const dir = cleanup.dir(await tempDir('gw502-nginx-bad-'));
    const configPath = join(dir, 'nginx.conf');
    await writeFile(
      configPath,
      nginxConf(dir, 'server { listen 127.0.0.1:1; location / { proxy_pass http://127.0.0.1:9 } }'),
    );
    const r = await diagnose({ service: 'shop', proxyConfig: configPath });
    expect(r.verdict.cause).toBe('proxy-unhealthy');
    expect(r.verdict.actions).toEqual([]);
    expect(check(r, 'host-proxy-process').evidence.join('\n')).toMatch(/config test .*FAILED[\s\S]*emerg/);
  });
});
