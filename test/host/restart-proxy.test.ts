import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planRestartProxy, restartProxy, verifyProxyAnswers } from '../../src/host/restart-proxy.js';
import { freePort } from './helpers/free-port.js';
import { nginxConf, startNginx, tempDir } from './helpers/real-proxies.js';
import { Cleanup } from './helpers/scenario.js';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function nginxSetup(broken = false) {
  const dir = cleanup.dir(await tempDir('gw502-restart-'));
  const port = await freePort();
  const body = broken
    ? `server { listen 127.0.0.1:${port}; location / { return 200 "ok" } }`
    : `server { listen 127.0.0.1:${port}; location / { return 200 "ok"; } }`;
  const conf = nginxConf(dir, body);
  await writeFile(join(dir, 'nginx.conf'), conf);
  return { dir, port, conf, configPath: join(dir, 'nginx.conf') };
}

describe('planRestartProxy', () => {
  it('config test passes → systemctl reload <unit>; restart only on request', () => {
    const req = { kind: 'nginx' as const, configPath: '/etc/nginx/nginx.conf', verifyAt: [] };
    expect(planRestartProxy(req, { ok: true, output: '' })).toEqual({
      command: { file: 'systemctl', args: ['reload', 'nginx'] },
    });
    expect(
      planRestartProxy({ ...req, mode: 'restart', unit: 'nginx-edge' }, { ok: true, output: '' }).command
        ?.args,
    ).toEqual(['restart', 'nginx-edge']);
  });
  it('config test fails → nothing to run, and the reason names the config error', () => {
    const plan = planRestartProxy(
      { kind: 'haproxy', configPath: '/etc/haproxy/haproxy.cfg', verifyAt: [] },
      {
        ok: false,
        output: "[ALERT] (1) : config : parsing [/etc/haproxy/haproxy.cfg:12] : unknown keyword 'srever'",
      },
    );
    expect(plan.command).toBeUndefined();
    expect(plan.refused).toMatch(/reload would fail too: .*unknown keyword 'srever'/);
  });
});

describe('restartProxy against a real nginx', () => {
  it('runs the planned command once, then verifies the proxy answers', async () => {
    const s = await nginxSetup();
    const calls: string[][] = [];
    // systemd is not running here: the runner stands in for systemctl, and starts the real nginx as it would.
    const outcome = await restartProxy(
      { kind: 'nginx', configPath: s.configPath, verifyAt: [{ host: '127.0.0.1', port: s.port }] },
      {
        run: async (file, args) => {
          calls.push([file, ...args]);
          cleanup.add(await startNginx(s.dir, s.conf, s.port));
          return { ok: true, stdout: '', stderr: '', exitCode: 0 };
        },
      },
    );
    expect(calls).toEqual([['systemctl', 'reload', 'nginx']]);
    expect(outcome).toMatchObject({ ok: true, configTest: { ok: true }, verification: { answered: true } });
    expect(outcome.message).toMatch(/answered HTTP 200/);
  });

  it('broken config → refuses without running anything, with nginx -t’s reason', async () => {
    const s = await nginxSetup(true);
    const calls: string[][] = [];
    const outcome = await restartProxy(
      { kind: 'nginx', configPath: s.configPath, verifyAt: [{ host: '127.0.0.1', port: s.port }] },
      {
        run: (file, args) => {
          calls.push([file, ...args]);
          return Promise.resolve({ ok: true, stdout: '', stderr: '', exitCode: 0 });
        },
      },
    );
    expect(calls).toEqual([]);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/config test fails.*emerg/);
  });

  it('real systemctl that cannot act (no systemd here, or no such unit) → fails honestly', async () => {
    const s = await nginxSetup();
    // A unit that exists nowhere, so the machine's own nginx is never reloaded even where systemd runs.
    const outcome = await restartProxy({
      kind: 'nginx',
      unit: 'gw502-test-no-such-unit',
      configPath: s.configPath,
      verifyAt: [{ host: '127.0.0.1', port: s.port }],
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ran?.ok).toBe(false);
    expect(outcome.verification).toBeUndefined();
  });

  it('verification fails when nothing answers', async () => {
    const port = await freePort();
    const v = await verifyProxyAnswers([{ host: '127.0.0.1', port }], 600);
    expect(v).toMatchObject({ answered: false });
    expect(v.detail).toContain(`127.0.0.1:${port}`);
  });
});
