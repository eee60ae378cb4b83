import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.js';
import type { StartedSim } from '../helpers/start-sim.js';
import { APP, NS, rollOut, startGateSim, waitSettled } from '../gate/helpers/gate-sim.js';

const BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'bin/gw502.js');

let sim: StartedSim | undefined;
let web: Server | undefined;
let slack: FakeSlack | undefined;
afterEach(async () => {
  await sim?.stop();
  await new Promise<void>((r) => (web ? web.close(() => r()) : r()));
  await slack?.close();
  sim = undefined;
  web = undefined;
  slack = undefined;
});

async function ready(): Promise<StartedSim> {
  sim = await startGateSim({ speed: 10 });
  await waitSettled(sim);
  return sim;
}

/** The real `gw502 gate` process, as a pipeline runs it (no CI variables unless given). */
function gate(
  args: string[],
  env: Record<string, string> = {},
  kubeconfig = sim?.kubeconfigPath ?? '/nonexistent',
) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['GITHUB_ACTIONS', 'GITLAB_CI', 'SLACK_BOT_TOKEN', 'GW502_CONFIG'].includes(k),
    ),
  );
  return execa('node', [BIN, 'gate', ...args], {
    reject: false,
    env: { ...clean, KUBECONFIG: kubeconfig, LOG_LEVEL: 'silent', ...env },
    extendEnv: false,
    timeout: 90_000,
  });
}

async function always502(): Promise<string> {
  web = createServer((_req, res) =>
    res.writeHead(502, { connection: 'close' }).end('<html>502 Bad Gateway</html>'),
  );
  await new Promise<void>((r) => web!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(web.address() as AddressInfo).port}/health`;
}

describe('gw502 gate (whole process, simulated cluster)', () => {
  it('a good rollout: exit 0 and one line with revision, ready replicas and time', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:1.5.0' });
    const r = await gate([APP, NS, '--timeout', '1m']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^gw502 gate: deployment\/checkout in shop rolled out revision 2, 3\/3 ready, in \d+(ms|s)$/,
    );
  }, 90_000);

  it('a bad rollout (new revision crash-loops, old one serves): exit 1 quickly with bad-rollout', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.0.0', behavior: 'crash-loop' });
    const started = Date.now();
    const r = await gate([APP, NS, '--timeout', '5m', '--json']);
    expect(r.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(45_000);
    const report = JSON.parse(r.stdout);
    expect(report.verdict.cause).toBe('bad-rollout');
    const gateCheck = report.checks.find((c: { id: string }) => c.id === 'gate-rollout');
    expect(gateCheck.status).toBe('fail');
    expect(gateCheck.summary).toMatch(/rollout failed after .*: new pods crash-loop/);
    expect(gateCheck.evidence.join('\n')).toMatch(/CrashLoopBackOff/);
  }, 90_000);

  it('a rollout that cannot finish in time: exit 1 after the timeout, with how far it got', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.2.0', behavior: 'readiness-failing' });
    const r = await gate([APP, NS, '--timeout', '4s', '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict.cause).not.toBe('healthy');
    const gateCheck = report.checks.find((c: { id: string }) => c.id === 'gate-rollout');
    expect(gateCheck.summary).toMatch(
      /^rollout did not complete within 4s: Waiting for deployment "checkout"/,
    );
  }, 90_000);

  it('a URL that keeps answering 502 is never healthy: exit 1, gate-url evidence with the codes', async () => {
    await ready();
    const url = await always502();
    const r = await gate([APP, NS, '--timeout', '6s', '--url', url, '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict.cause).not.toBe('healthy');
    const urlCheck = report.checks.find((c: { id: string }) => c.id === 'gate-url');
    expect(urlCheck.status).toBe('fail');
    expect(urlCheck.evidence.length).toBeGreaterThanOrEqual(2);
    for (const line of urlCheck.evidence) expect(line).toMatch(/→ 502 in \d+ ms$/);
    expect(report.checks.find((c: { id: string }) => c.id === 'gate-rollout').status).toBe('ok');
  }, 90_000);

  it('GitHub Actions: an ::error annotation; human report in a group', async () => {
    const s = await ready();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.0.0', behavior: 'image-pull' });
    const r = await gate([APP, NS], { GITHUB_ACTIONS: 'true' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^::error title=gw502 gate%3A checkout in shop%3A [a-z-]+::/);
    expect(r.stdout).toContain('::group::gw502 diagnosis report');
    expect(r.stdout).toContain('gate-rollout');
  }, 90_000);

  it('--notify posts the report to Slack when a bot token is set', async () => {
    const s = await ready();
    slack = await new FakeSlack().start();
    await rollOut(s, { image: 'registry.example.com/shop/checkout:2.0.0', behavior: 'image-pull' });
    const r = await gate([APP, NS, '--notify', 'C0OPS'], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(r.exitCode).toBe(1);
    const posted = [...slack.messages.values()].filter((m) => m.channel === 'C0OPS');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.blocks)).toContain('gate-rollout');
    expect(r.stderr).toMatch(/report posted to Slack C0OPS/);
  }, 90_000);

  it.each([
    [['Bad_Name', NS], /invalid app name "Bad_Name"/],
    [[APP, 'NS!'], /invalid namespace "NS!"/],
    [[APP, NS, '--timeout', '300'], /invalid duration "300": missing unit/],
    [[APP, NS, '--timeout', '5 minutes'], /invalid duration/],
    [[APP, NS, '--url', 'ftp://x/health'], /only http:\/\/ and https:\/\//],
  ])('bad input %j: exit 2 with one line on stderr', async (args, message) => {
    const r = await gate(args);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('an unreachable cluster: exit 2 with one line', async () => {
    const s = await ready();
    const kubeconfig = s.kubeconfigPath;
    await s.cluster.stop();
    const r = await gate([APP, NS, '--timeout', '10s'], {}, kubeconfig);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cluster unreachable/);
  }, 60_000);
});
