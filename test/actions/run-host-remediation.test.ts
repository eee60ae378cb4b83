import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { App, LogLevel } from '@slack/bolt';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalStore } from '../../src/actions/approval-store.js';
import { createRemediation, type Remediation } from '../../src/actions/create-remediation.js';
import { remediationOfferHook } from '../../src/actions/remediation-runtime.js';
import { slackOutOf } from '../../src/actions/slack-out.js';
import { APPROVE_ACTION_PREFIX } from '../../src/blocks/action-buttons.js';
import { parseConfig } from '../../src/config/config.js';
import { diagnoseHost } from '../../src/host/diagnose-host.js';
import { restartProxy } from '../../src/host/restart-proxy.js';
import { restartRequestFor } from '../../src/host/restart-request-for.js';
import { hostQueueName, type HostDiagnoseJobData } from '../../src/queue/diagnose-job.js';
import { startHostAgent, type RunningHostAgent } from '../../src/queue/host-agent.js';
import { createWorkerConnection, type Redis } from '../../src/queue/redis-connections.js';
import { registerActionHandlers } from '../../src/slack/actions/register-action-handlers.js';
import { SlackPoster } from '../../src/slack/slack-poster.js';
import { FakeSlack, type StoredMessage } from '../helpers/fake-slack.js';
import { signedHeaders } from '../helpers/slack-signing.js';
import { testRedisUrl } from '../helpers/test-redis.js';
import { freePort } from '../host/helpers/free-port.js';
import { nginxConf, startNginx, tempDir } from '../host/helpers/real-proxies.js';
import { Cleanup } from '../host/helpers/scenario.js';
import { startHttpUpstream } from '../host/helpers/upstreams.js';
import { quietLogger, until } from './helpers/remediation-fixture.js';

const SECRET = 'host-remediation-secret';
const HOST = 'web-1';
const url = testRedisUrl(50);
const cleanup = new Cleanup();
const runs: string[][] = [];
const started: { stop(): Promise<void> }[] = [];
let configPath: string;
let goodConf: string;
let redis: Redis;
let fake: FakeSlack;
let app: App;
let eventsUrl: string;
let remediation: Remediation;
let agent: RunningHostAgent;
let queue: Queue;
let port: number;

beforeAll(async () => {
  redis = createWorkerConnection(url);
  await redis.flushdb();
  fake = await new FakeSlack().start();
  const poster = new SlackPoster({ token: 'xoxb-t', apiUrl: fake.apiUrl, logger: quietLogger });
  const slack = slackOutOf(poster);
  const config = parseConfig({ approvers: { users: ['U0APPROVER'] } });

  // A real nginx config whose nginx is not running: the host diagnosis finds the proxy down.
  const upstream = cleanup.add(await startHttpUpstream());
  const dir = cleanup.dir(await tempDir('gw502-host-remediate-'));
  port = await freePort();
  const conf = nginxConf(
    dir,
    `server { listen 127.0.0.1:${port}; location / { proxy_pass http://127.0.0.1:${upstream.port}; } }`,
  );
  configPath = join(dir, 'nginx.conf');
  goodConf = conf;
  await writeFile(configPath, conf);

  remediation = createRemediation({
    redis,
    redisUrl: url,
    config,
    slack,
    usergroups: poster.client,
    loadKubeConfig: () => new KubeConfig(),
    logger: quietLogger,
  });
  agent = await startHostAgent({
    host: HOST,
    redisUrl: url,
    slack: poster,
    logger: quietLogger,
    runDiagnosis: (data, onCheck) =>
      diagnoseHost({
        hostName: HOST,
        unit: 'gw502-test-none',
        service: data.service,
        proxyConfig: configPath,
        upstream: `127.0.0.1:${upstream.port}`,
        onCheck,
      }),
    offerActions: (r) => remediationOfferHook(r, config, slack, quietLogger),
    remediation: {
      restart: async (spec) =>
        restartProxy(await restartRequestFor(spec.host.proxy, { proxyConfig: configPath }), {
          // No systemd here: this stands in for `systemctl reload nginx` and starts the real nginx instead.
          run: async (file, args) => {
            runs.push([file, ...args]);
            started.push(cleanup.add(await startNginx(dir, conf, port)));
            return { ok: true, stdout: '', stderr: '', exitCode: 0 };
          },
        }),
    },
  });

  app = new App({
    token: 'xoxb-t',
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  registerActionHandlers(app, {
    click: remediation.click,
    slack,
    config,
    logger: quietLogger,
    enqueueDiagnose: () => Promise.resolve('unused'),
  });
  const server = (await app.start(0)) as Server;
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  queue = new Queue(hostQueueName(HOST), { connection: redis });
}, 30_000);

afterAll(async () => {
  await agent.close();
  await remediation.close();
  await queue.close();
  await app.stop();
  await fake.close();
  await cleanup.run();
  redis.disconnect();
});

function click(user: string, msg: StoredMessage, approvalId: string) {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'u', name: 'u', team_id: 'T0001' },
    api_app_id: 'A0',
    token: 't',
    container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: false },
    trigger_id: '1',
    team: { id: 'T0001', domain: 'acme' },
    channel: { id: msg.channel, name: 'ops' },
    response_url: fake.responseUrl('r'),
    actions: [
      {
        action_id: `${APPROVE_ACTION_PREFIX}${approvalId}`,
        block_id: 'gw502-actions',
        text: { type: 'plain_text', text: 'Restart proxy' },
        value: approvalId,
        type: 'button',
        action_ts: '1',
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(eventsUrl, { method: 'POST', headers: signedHeaders(SECRET, body), body }).then(
    (r) => r.status,
  );
}

/** Approve buttons (action id, value) in a message's current blocks. */
function approveButtons(msg: StoredMessage): { text: string; value: string }[] {
  return msg.blocks
    .filter((b: { type: string }) => b.type === 'actions')
    .flatMap((b: { elements: { action_id: string; value: string; text: { text: string } }[] }) => b.elements)
    .filter((e) => e.action_id.startsWith(APPROVE_ACTION_PREFIX))
    .map((e) => ({ text: e.text.text, value: e.value }));
}

async function diagnoseAndGetButton(): Promise<{ msg: StoredMessage; approvalId: string }> {
  const before = new Set(fake.channelMessages('C0OPS').map((m) => m.ts));
  const data: HostDiagnoseJobData = {
    host: HOST,
    service: 'shop',
    channel: 'C0OPS',
    user: 'U0REQUEST',
    requestedAt: new Date().toISOString(),
  };
  await queue.add('diagnose-host', data, { attempts: 1 });
  const msg = await fake.waitFor(
    () => fake.channelMessages('C0OPS').find((m) => !before.has(m.ts) && approveButtons(m).length > 0),
    20_000,
    'host result with an approve button',
  );
  return { msg, approvalId: approveButtons(msg)[0]?.value ?? '' };
}

describe('host restart-proxy through the approval buttons', () => {
  it('offers Restart proxy on the host report; a non-approver is refused; approval runs it once on the host and re-diagnoses', async () => {
    const { msg } = await diagnoseAndGetButton();
    const [button] = approveButtons(msg);
    expect(button?.text).toMatch(/Restart proxy/i);
    const approvalId = button?.value ?? '';
    const store = new ApprovalStore(redis);
    const pending = await store.get(approvalId);
    expect(pending).toMatchObject({
      state: 'pending',
      spec: { kind: 'restart-proxy', host: { name: HOST } },
    });
    expect(pending?.spec.host).toEqual({ name: HOST, proxy: 'nginx', service: 'shop' });

    // Not an approver: told so alone, nothing changes, nothing is queued.
    expect(await click('U0NOBODY', msg, approvalId)).toBe(200);
    await fake.waitFor(
      () => fake.ephemerals.find((e) => e.user === 'U0NOBODY' && /can't approve/.test(e.text)),
      5000,
      'refusal',
    );
    expect((await store.get(approvalId))?.state).toBe('pending');
    expect(runs).toEqual([]);

    // The approver double-clicks: one claim wins, the other is told it already runs.
    expect(
      await Promise.all([click('U0APPROVER', msg, approvalId), click('U0APPROVER', msg, approvalId)]),
    ).toEqual([200, 200]);
    const done = await until(
      async () => {
        const r = await store.get(approvalId);
        return r && (r.state === 'done' || r.state === 'failed' || r.state === 'unknown') ? r : undefined;
      },
      30_000,
      'the approval to finish',
    );
    expect(done).toMatchObject({ state: 'done', approvedBy: 'U0APPROVER', outcome: { result: 'recovered' } });
    expect(done.outcome?.verdict?.cause).toBe('healthy');
    expect(runs).toEqual([['systemctl', 'reload', 'nginx']]);
    await fake.waitFor(
      () => fake.ephemerals.find((e) => e.user === 'U0APPROVER' && /already approved/.test(e.text)),
      5000,
      'second click refused',
    );

    // The result message: approver and outcome shown, buttons gone.
    // The approval is recorded done just before the message is re-rendered: wait for the outcome to show.
    const final = await fake.waitFor(
      () =>
        fake
          .channelMessages('C0OPS')
          .find((m) => m.ts === msg.ts && JSON.stringify(m.blocks).includes('Recovered')),
      5000,
      'the outcome in the result message',
    );
    expect(final && approveButtons(final)).toEqual([]);
    const text = JSON.stringify(final?.blocks);
    expect(text).toContain('Approved by <@U0APPROVER>');
    expect(text).toContain('Recovered');
    expect(text).toMatch(/nginx on host web-1/);

    // A replayed job (a stalled re-run, a duplicate add) does not act again.
    await queue.add('restart-proxy', { approvalId }, { attempts: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(runs).toHaveLength(1);
  }, 60_000);

  it('config broken since the diagnosis → reload refused with nginx -t’s reason, approval failed, nothing run', async () => {
    for (const p of started.splice(0)) await p.stop();
    const { msg, approvalId } = await diagnoseAndGetButton();
    await writeFile(configPath, goodConf.replace('proxy_pass', 'proxy_pas'));
    try {
      expect(await click('U0APPROVER', msg, approvalId)).toBe(200);
      const store = new ApprovalStore(redis);
      const rec = await until(
        async () => {
          const r = await store.get(approvalId);
          return r && r.state !== 'pending' && r.state !== 'executing' ? r : undefined;
        },
        30_000,
        'the approval to finish',
      );
      expect(rec).toMatchObject({ state: 'failed', outcome: { result: 'write-failed', wrote: false } });
      expect(rec.outcome?.summary).toMatch(/config test fails, so a reload would fail too: .*proxy_pas/);
      expect(runs).toHaveLength(1);
    } finally {
      await writeFile(configPath, goodConf);
    }
  }, 60_000);
});
