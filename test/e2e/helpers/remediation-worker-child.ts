/**
 * A remediation worker in its own process, so a test can SIGKILL it mid-action. Configured by env:
 * REDIS_URL, KUBECONFIG_PATH, SLACK_API_URL, GW502_CONFIG_JSON.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createRemediation } from '../../../src/actions/create-remediation.js';
import { slackOutOf } from '../../../src/actions/slack-out.js';
import { parseConfig } from '../../../src/config/config.js';
import { SlackPoster } from '../../../src/slack/slack-poster.js';

const logger = pino({ level: 'silent' });
const redisUrl = process.env.REDIS_URL ?? '';
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const poster = new SlackPoster({ token: 'xoxb-test', apiUrl: process.env.SLACK_API_URL ?? '', logger });
const remediation = createRemediation({
  redis,
  redisUrl,
  config: parseConfig(JSON.parse(process.env.GW502_CONFIG_JSON ?? '{}')),
  slack: slackOutOf(poster),
  usergroups: poster.client,
  loadKubeConfig: () => {
    const kc = new KubeConfig();
    kc.loadFromFile(process.env.KUBECONFIG_PATH ?? '');
    return kc;
  },
  logger,
  // A long rollout wait: the test kills this process while it waits, after the write.
  rolloutTimeoutMs: 120_000,
  heartbeatMs: 300,
  reap: { staleHeartbeatMs: 1500, intervalMs: 300 },
});
remediation.startWorker({ lockDurationMs: 2000 });
process.stdout.write('ready\n');
