import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApproveClickDeps } from '../../../src/actions/approve-click.js';
import { ApprovalStore } from '../../../src/actions/approval-store.js';
import { RemediationReporter } from '../../../src/actions/remediation-report.js';
import { slackOutOf } from '../../../src/actions/slack-out.js';
import { parseConfig } from '../../../src/config/config.js';
import type { DiagnoseJobData } from '../../../src/queue/diagnose-job.js';
import { registerActionHandlers } from '../../../src/slack/actions/register-action-handlers.js';
import { SlackPoster } from '../../../src/slack/slack-poster.js';
import { quietLogger, redisDb, specFor } from '../../actions/helpers/remediation-fixture.js';
import { FakeSlack } from '../../helpers/fake-slack.js';
import { signedHeaders } from '../../helpers/slack-signing.js';

const SECRET = 'handler-secret';
const { redis } = redisDb(30);
const store = new ApprovalStore(redis);
let fake: FakeSlack;
let app: App;
let url: string;
const enqueued: string[] = [];
const diagnoses: DiagnoseJobData[] = [];

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const poster = new SlackPoster({ token: 'xoxb-t', apiUrl: fake.apiUrl, logger: quietLogger });
  const slack = slackOutOf(poster);
  const config = parseConfig({ approvers: { users: ['U0APPROVER'] }, namespaces: ['shop'] });
  const click: ApproveClickDeps = {
    store,
    reporter: new RemediationReporter({ redis, slack, logger: quietLogger }),
    config,
    checkApprover: (u) =>
      Promise.resolve(
        u === 'U0APPROVER' ? { allowed: true, via: 'user' } : { allowed: false, reason: 'nope' },
      ),
    enqueue: (id) => {
      enqueued.push(id);
      return Promise.resolve();
    },
    logger: quietLogger,
  };
  app = new App({
    token: 'xoxb-t',
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  registerActionHandlers(app, {
    click,
    slack,
    config,
    logger: quietLogger,
    enqueueDiagnose: (d) => {
      diagnoses.push(d);
      return Promise.resolve('queued');
    },
  });
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterAll(async () => {
  await app.stop();
  await fake.close();
  await redis.quit();
});

function payload(user: string, actionId: string, value: string) {
  return {
    type: 'block_actions',
    user: { id: user, username: 'u', name: 'u', team_id: 'T0001' },
    api_app_id: 'A0',
    token: 't',
    container: { type: 'message', message_ts: '1.1', channel_id: 'C0OPS', is_ephemeral: false },
    trigger_id: '1',
    team: { id: 'T0001', domain: 'acme' },
    channel: { id: 'C0OPS', name: 'ops' },
    response_url: fake.responseUrl('r'),
    actions: [
      {
        action_id: actionId,
        block_id: 'gw502-actions',
        text: { type: 'plain_text', text: 'x' },
        value,
        type: 'button',
        action_ts: '1',
      },
    ],
  };
}

async function post(p: object, secret = SECRET, timestamp?: number): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(p) }).toString();
  const res = await fetch(url, { method: 'POST', headers: signedHeaders(secret, body, timestamp), body });
  await res.text();
  return res.status;
}

async function pendingApproval() {
  const spec = specFor({
    kind: 'rollback',
    target: { kind: 'Deployment', namespace: 'shop', name: 'checkout', uid: 'u', revision: 4 },
    toRevision: 3,
  });
  await store.create(spec.groupId, { channel: 'C0OPS', ts: '1.1', report: '{}', requestedBy: 'U0R' }, [spec]);
  return spec;
}

describe('interactivity handlers', () => {
  it('a forged signature or a replay older than 5 minutes is rejected with 401 and changes nothing', async () => {
    const spec = await pendingApproval();
    expect(await post(payload('U0APPROVER', `gw502-approve:${spec.id}`, spec.id), 'wrong-secret')).toBe(401);
    expect(
      await post(
        payload('U0APPROVER', `gw502-approve:${spec.id}`, spec.id),
        SECRET,
        Math.floor(Date.now() / 1000) - 600,
      ),
    ).toBe(401);
    expect((await store.get(spec.id))?.state).toBe('pending');
    expect(enqueued).not.toContain(spec.id);
  });

  it('an approver’s click claims the approval and queues exactly one job; a replay is told it already ran', async () => {
    const spec = await pendingApproval();
    expect(await post(payload('U0APPROVER', `gw502-approve:${spec.id}`, spec.id))).toBe(200);
    await fake.waitFor(() => enqueued.includes(spec.id), 5000, 'enqueue');
    expect((await store.get(spec.id))?.state).toBe('executing');
    expect(await post(payload('U0APPROVER', `gw502-approve:${spec.id}`, spec.id))).toBe(200);
    await fake.waitFor(
      () => fake.ephemerals.find((e) => /already approved/.test(e.text)),
      5000,
      'replay ephemeral',
    );
    expect(enqueued.filter((id) => id === spec.id)).toHaveLength(1);
  });

  it('an unknown approval id is refused to the clicker alone', async () => {
    await post(payload('U0APPROVER', 'gw502-approve:nope', 'nope'));
    await fake.waitFor(
      () => fake.ephemerals.find((e) => /no longer valid/.test(e.text)),
      5000,
      'unknown ephemeral',
    );
  });

  it('"Diagnose again" queues a fresh diagnosis, within the namespace allowlist only', async () => {
    await post(payload('U0ANY', 'gw502-rediagnose', 'shop/checkout'));
    await fake.waitFor(
      () => diagnoses.find((d) => d.app === 'checkout' && d.namespace === 'shop' && d.user === 'U0ANY'),
      5000,
      'rediagnose',
    );
    await post(payload('U0ANY', 'gw502-rediagnose', 'kube-system/coredns'));
    await fake.waitFor(() => fake.ephemerals.find((e) => /kube-system/.test(e.text)), 5000, 'forbidden ns');
    expect(diagnoses.some((d) => d.namespace === 'kube-system')).toBe(false);
  });
});
