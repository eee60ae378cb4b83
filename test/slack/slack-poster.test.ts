import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { renderNotice } from '../../src/blocks/render-help.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { SlackPostError, SlackPoster } from '../../src/slack/slack-poster.js';
import { FakeSlack } from '../helpers/fake-slack.js';

let slack: FakeSlack;
let metrics: Metrics;
let poster: SlackPoster;
const msg = renderNotice('hello');

beforeAll(async () => {
  slack = await new FakeSlack().start();
});
beforeEach(() => {
  metrics = new Metrics();
  poster = new SlackPoster({
    token: 'xoxb-test',
    apiUrl: slack.apiUrl,
    logger: pino({ level: 'silent' }),
    metrics,
    retries: { retries: 3, factor: 1, minTimeout: 50, maxTimeout: 50 },
  });
  slack.calls.length = 0;
});
afterAll(() => slack.close());

describe('SlackPoster against the fake Slack Web API', () => {
  it('posts with the bot token and returns channel and ts; updates that message', async () => {
    const ref = await poster.postMessage('C0OPS', msg);
    expect(ref.ts).toMatch(/^\d+\.\d{6}$/);
    expect(slack.calls[0]).toMatchObject({ method: 'chat.postMessage', token: 'xoxb-test' });
    await poster.update(ref.channel, ref.ts, renderNotice('bye'));
    expect(slack.messages.get(`C0OPS/${ref.ts}`)?.text).toBe('bye');
  });

  it('waits out a 429 for the Retry-After it was given, then succeeds once', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await poster.postMessage('C0OPS', msg);
    const calls = slack.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries 5xx answers and counts an error only when retries run out', async () => {
    slack.failNext('chat.update', { status: 500 });
    const ref = await poster.postMessage('C0OPS', msg);
    await poster.update(ref.channel, ref.ts, msg);
    expect(slack.callsTo('chat.update').map((c) => c.status)).toEqual([500, 200]);
    slack.failNext('chat.update', { status: 503 }, 10);
    await expect(poster.update(ref.channel, ref.ts, msg)).rejects.toMatchObject({ code: 'http_error' });
    expect(slack.callsTo('chat.update').length).toBe(2 + 4);
    expect(await metrics.registry.getSingleMetricAsString('gw502_slack_api_errors_total')).toContain(
      'gw502_slack_api_errors_total{method="chat.update",error="http_error"} 1',
    );
  });

  it('classifies not_in_channel and channel_not_found as channel-access errors without retrying', async () => {
    const notIn = await poster.postMessage('C0NOTJOINED', msg).catch((e: unknown) => e);
    expect(notIn).toBeInstanceOf(SlackPostError);
    expect(notIn).toMatchObject({ code: 'not_in_channel', isChannelAccess: true });
    const missing = await poster.postMessage('C0NOPE', msg).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'channel_not_found', isChannelAccess: true });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('answers through response_url as an ephemeral message', async () => {
    await poster.respond(slack.responseUrl('r1'), msg);
    expect(slack.responses.at(-1)).toMatchObject({
      id: 'r1',
      body: { response_type: 'ephemeral', text: 'hello' },
    });
  });

  it('is rejected by the fake exactly where Slack would reject blocks', async () => {
    const bad = { text: 't', blocks: Array.from({ length: 51 }, () => msg.blocks[0]!) };
    await expect(poster.postMessage('C0OPS', bad)).rejects.toMatchObject({ code: 'invalid_blocks' });
  });
});
