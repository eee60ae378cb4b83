import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { Redis } from 'ioredis';
import { createRemediation, type Remediation } from '../../../src/actions/create-remediation.js';
import { reportToIncidentChannel } from '../../../src/actions/incident-thread.js';
import { offerActions, type OfferedActions } from '../../../src/actions/offer-actions.js';
import { slackOutOf } from '../../../src/actions/slack-out.js';
import { renderReportMessage } from '../../../src/blocks/render-report.js';
import { parseConfig, type Gw502Config } from '../../../src/config/config.js';
import { diagnoseApp } from '../../../src/diagnosis/diagnose-app.js';
import type { DiagnosisReport } from '../../../src/diagnosis/report.js';
import type { MessageRef } from '../../../src/queue/message-ref-store.js';
import type { Scenario } from '../../../src/sim/scenario.js';
import { registerActionHandlers } from '../../../src/slack/actions/register-action-handlers.js';
import { SlackPoster } from '../../../src/slack/slack-poster.js';
import {
  quietLogger,
  redisDb,
  startScenario,
  type SimFixture,
} from '../../actions/helpers/remediation-fixture.js';
import { FakeSlack } from '../../helpers/fake-slack.js';
import { signedHeaders } from '../../helpers/slack-signing.js';

export const SECRET = 'test-signing-secret';
export const APPROVERS = [
  'U0APPROVER',
  'U0APPR1',
  'U0APPR2',
  'U0APPR3',
  'U0APPR4',
  'U0APPR5',
  'U0APPR6',
  'U0APPR7',
  'U0APPR8',
  'U0APPR9',
];

export interface Harness {
  sim: SimFixture;
  fake: FakeSlack;
  redis: Redis;
  redisUrl: string;
  config: Gw502Config;
  remediation: Remediation;
  report: DiagnosisReport;
  message: MessageRef;
  offered: OfferedActions;
  eventsUrl: string;
  click(user: string, approvalId: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The whole remediation path with real parts: the simulated cluster, the real engine, Redis, the fake
 * Slack Web API, a Bolt app receiving signed interactivity payloads over HTTP, and (unless told not to)
 * an in-process remediation worker. The diagnosis message is posted the way the diagnose worker does.
 */
export async function startHarness(
  scenario: Scenario,
  opts: {
    db: number;
    config?: Record<string, unknown>;
    worker?: boolean;
    requestedBy?: string;
    helm?: string;
  },
): Promise<Harness> {
  const sim = await startScenario(scenario);
  await new Promise((r) => setTimeout(r, 400));
  const fake = await new FakeSlack().start();
  fake.usergroups.set('S0SRE', ['U0GROUPED']);
  const { redis, url: redisUrl } = redisDb(opts.db);
  // Incidents live a day in Redis: start without one left by an earlier run.
  await redis.del(`gw502:incident:${scenario.namespace}/${scenario.app}`);
  const config = parseConfig({
    approvers: { users: APPROVERS, usergroups: ['S0SRE'] },
    incidentChannel: 'C0INCIDENT',
    ...opts.config,
  });
  const poster = new SlackPoster({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    logger: quietLogger,
    retries: { retries: 0, factor: 1, minTimeout: 10, maxTimeout: 10 },
  });
  const slack = slackOutOf(poster);
  const remediation = createRemediation({
    redis,
    redisUrl,
    config,
    slack,
    usergroups: poster.client,
    loadKubeConfig: () => sim.kubeConfig,
    logger: quietLogger,
    rolloutTimeoutMs: 30_000,
    ...(opts.helm ? { helm: { binary: opts.helm, timeoutMs: 60_000 } } : {}),
    heartbeatMs: 300,
    reap: { staleHeartbeatMs: 1500, intervalMs: 300 },
  });
  if (opts.worker !== false) remediation.startWorker({ lockDurationMs: 2000 });

  const app = new App({
    token: 'xoxb-test',
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl },
    logLevel: LogLevel.ERROR,
  });
  registerActionHandlers(app, {
    click: remediation.click,
    slack,
    config,
    enqueueDiagnose: (d) => Promise.resolve(`queued ${d.namespace}/${d.app}`),
    logger: quietLogger,
  });
  const server = (await app.start(0)) as Server;
  const eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  const requestedBy = opts.requestedBy ?? 'U0REQUEST';
  const report = await diagnoseApp({
    app: scenario.app,
    namespace: scenario.namespace,
    kubeConfig: sim.kubeConfig,
    config,
  });
  const message = await poster.postMessage('C0OPS', renderReportMessage(report, { requestedBy }));
  const offered = await offerActions(redis, config, { report, message, requestedBy });
  await poster.update(
    message.channel,
    message.ts,
    renderReportMessage(report, { requestedBy, actionElements: offered.elements, notes: offered.notes }),
  );
  await reportToIncidentChannel(slack, redis, config, report, message);

  const click = async (user: string, approvalId: string): Promise<number> => {
    const payload = {
      type: 'block_actions',
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0001' },
      api_app_id: 'A0GW502',
      token: 'legacy',
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: false,
      },
      trigger_id: '1.2.3',
      team: { id: 'T0001', domain: 'acme' },
      channel: { id: message.channel, name: 'ops' },
      message: { type: 'message', ts: message.ts, text: '' },
      response_url: fake.responseUrl(`click-${user}`),
      actions: [
        {
          action_id: `gw502-approve:${approvalId}`,
          block_id: 'gw502-actions',
          text: { type: 'plain_text', text: 'Roll back' },
          value: approvalId,
          type: 'button',
          action_ts: String(Date.now() / 1000),
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await fetch(eventsUrl, { method: 'POST', headers: signedHeaders(SECRET, body), body });
    await res.text();
    return res.status;
  };

  return {
    sim,
    fake,
    redis,
    redisUrl,
    config,
    remediation,
    report,
    message,
    offered,
    eventsUrl,
    click,
    async stop() {
      await app.stop();
      await remediation.close();
      await redis.quit();
      await fake.close();
      await sim.stop();
    },
  };
}

/** The current blocks of the result message, as text (everything a reader would see). */
export function messageText(h: Harness): string {
  const m = h.fake.messages.get(`${h.message.channel}/${h.message.ts}`);
  return JSON.stringify(m?.blocks ?? []);
}

export function hasActionButtons(h: Harness): boolean {
  const m = h.fake.messages.get(`${h.message.channel}/${h.message.ts}`);
  return (m?.blocks ?? []).some(
    (b: { type: string; elements?: { action_id?: string }[] }) =>
      b.type === 'actions' && (b.elements ?? []).some((e) => e.action_id?.startsWith('gw502-approve:')),
  );
}
