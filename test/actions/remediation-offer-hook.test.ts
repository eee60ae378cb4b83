import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remediationOfferHook } from '../../src/actions/remediation-runtime.js';
import { slackOutOf } from '../../src/actions/slack-out.js';
import { ApprovalStore } from '../../src/actions/approval-store.js';
import { parseConfig } from '../../src/config/config.js';
import { diagnoseApp } from '../../src/diagnosis/diagnose-app.js';
import { proxyUnhealthy } from '../../src/sim/scenarios/proxy-unhealthy.js';
import { SlackPoster } from '../../src/slack/slack-poster.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import {
  fingerprintOf,
  quietLogger,
  redisDb,
  startScenario,
  type SimFixture,
} from './helpers/remediation-fixture.js';

const { redis } = redisDb(29);
let sim: SimFixture;
let fake: FakeSlack;
beforeAll(async () => {
  sim = await startScenario(proxyUnhealthy);
  fake = await new FakeSlack().start();
  // Incidents live a day in Redis: start without one left by an earlier run.
  await redis.del(`gw502:incident:${proxyUnhealthy.namespace}/${proxyUnhealthy.app}`);
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(async () => {
  await sim.stop();
  await fake.close();
  await redis.quit();
});

describe('the diagnose worker’s offer hook', { timeout: 60_000 }, () => {
  it('proxy unhealthy: opens the incident thread and offers "Restart proxy" pinned to the live proxy (uid, revision)', async () => {
    const config = parseConfig({ approvers: { users: ['U0A'] }, incidentChannel: 'C0INCIDENT' });
    const report = await diagnoseApp({
      app: proxyUnhealthy.app,
      namespace: proxyUnhealthy.namespace,
      kubeConfig: sim.kubeConfig,
      config,
    });
    expect(report.verdict.actions.map((a) => a.kind)).toEqual(['restart-proxy']);
    const poster = new SlackPoster({ token: 'xoxb-t', apiUrl: fake.apiUrl, logger: quietLogger });
    const message = await poster.postMessage('C0OPS', { text: 'diagnosing', blocks: [] });
    const hook = remediationOfferHook(redis, config, slackOutOf(poster), quietLogger, () => sim.kubeConfig);
    const offered = await hook(report, { message, requestedBy: 'U0R' });
    const live = await fingerprintOf(sim.clients, 'ingress-nginx', 'ingress-nginx-controller');
    expect(offered.elements[0]?.text.text).toBe(
      `Restart proxy deployment/ingress-nginx-controller (rev ${live.revision})`,
    );
    const approval = await new ApprovalStore(redis).get(offered.elements[0]!.value!);
    expect(approval?.spec.target).toMatchObject({
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller',
      uid: live.uid,
    });
    expect(fake.channelMessages('C0INCIDENT')[0]?.text).toMatch(/storefront/);
    // A second problem diagnosis of the same app continues the same incident thread.
    await hook(report, { message, requestedBy: 'U0R' });
    const toIncident = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'C0INCIDENT');
    expect(toIncident.filter((c) => !c.params.thread_ts)).toHaveLength(1);
    expect(toIncident.filter((c) => c.params.thread_ts === toIncident[0]?.answer.ts)).toHaveLength(1);
  });
});
