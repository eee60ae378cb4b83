import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../host/helpers/free-port.js';
import {
  haproxyCfg,
  nginxConf,
  request,
  startHaproxy,
  startNginx,
  tempDir,
} from '../host/helpers/real-proxies.js';
import { Cleanup } from '../host/helpers/scenario.js';
import { startHttpUpstream } from '../host/helpers/upstreams.js';

/** `gw502 diagnose-host` as a whole process, the way an outside harness runs it next to a real proxy. */
const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const gw502 = (args: string[]) =>
  execa('node', ['bin/gw502.js', 'diagnose-host', ...args, '--unit', 'gw502-test-none'], { reject: false });

describe('gw502 diagnose-host (built CLI)', () => {
  it('real nginx whose upstream refuses → --json report, exit 1', async () => {
    const dir = cleanup.dir(await tempDir('gw502-e2e-host-'));
    const port = await freePort();
    const dead = await freePort();
    const conf = nginxConf(
      dir,
      `server { listen 127.0.0.1:${port}; location / { proxy_pass http://127.0.0.1:${dead}; } }`,
    );
    const proxy = cleanup.add(await startNginx(dir, conf, port));
    expect(await request(port)).toBe(502);
    const r = await gw502(['shop', '--json', '--proxy', 'nginx', '--proxy-config', proxy.configPath]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ app: 'shop', verdict: { cause: 'upstream-connection-refused' } });
    expect(report.host).toBe(report.namespace);
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual([
      'host-upstream-health',
      'host-direct-connectivity',
      'host-proxy-process',
      'host-proxy-logs',
      'host-timeouts-keepalive',
    ]);
    for (const c of report.checks) {
      expect(c).not.toHaveProperty('proposals');
      if (c.status === 'fail') expect(c.evidence.length).toBeGreaterThan(0);
    }
  });

  it('healthy HAProxy → human text, exit 0', async () => {
    const app = cleanup.add(await startHttpUpstream());
    const dir = cleanup.dir(await tempDir('gw502-e2e-hap-'));
    const port = await freePort();
    const cfg = haproxyCfg(
      `frontend web\n  bind 127.0.0.1:${port}\n  default_backend shop\nbackend shop\n  server s1 127.0.0.1:${app.port}`,
    );
    const proxy = cleanup.add(await startHaproxy(dir, cfg, port));
    expect(await request(port)).toBe(200);
    const r = await gw502([
      'shop',
      '--proxy-config',
      proxy.configPath,
      '--proxy-log',
      proxy.logPath,
      '--upstream',
      `127.0.0.1:${app.port}`,
    ]);
    expect(r.stdout).toMatch(/^gw502 diagnosis of shop on .*: healthy/);
    expect(r.exitCode).toBe(0);
  });

  it('bad input → exit 2 with one line on stderr', async () => {
    const bad = await gw502(['shop', '--upstream', 'nonsense']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--upstream must be HOST:PORT/);
    const missing = await gw502(['shop', '--proxy-config', '/nonexistent/gw502/nginx.conf']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --proxy-config/);
  });
});
