/**
 * Slack ack latency as deployed: `gw502 serve --workers 0` and `gw502 worker` as their own processes (the
 * bundled bin), the fake Slack Web API and the simulated cluster in this process. 100 concurrent signed
 * `/gw502 diagnose` commands → p50/p99 acknowledgement and command → final message latency.
 */
import { freePort } from '../src/demo/free-port.js';
import { execa, type ResultPromise } from 'execa';
import { crashLoop } from '../src/sim/scenarios/crash-loop.js';
import { createWorkerConnection } from '../src/queue/redis-connections.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { sendSlashCommand } from '../test/helpers/slack-signing.js';
import { waitForFinalMessages } from './final-messages.js';
import { median, percentile, startBenchSim } from './lib.js';

const SECRET = 'bench-secret';

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

export async function benchSlackAckProcesses(
  opts: { commands?: number; redisDb?: number } = {},
): Promise<void> {
  const n = opts.commands ?? 100;
  const redisUrl = `${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}/${opts.redisDb ?? 11}`;
  const admin = createWorkerConnection(redisUrl);
  await admin.flushdb();
  const sim = await startBenchSim(crashLoop.objects);
  const slack = await new FakeSlack().start();
  const port = await freePort();
  const env = {
    ...process.env,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redisUrl,
    KUBECONFIG: sim.kubeconfigPath,
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  const procs: ResultPromise[] = [
    execa('node', ['bin/gw502.js', 'serve', '--workers', '0'], { env, reject: false }),
    execa('node', ['bin/gw502.js', 'worker', '--concurrency', '4'], { env, reject: false }),
  ];
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, 30_000);
    const url = `http://127.0.0.1:${port}/slack/events`;
    await sendSlashCommand(url, SECRET, { text: 'help' });
    const apps = Array.from({ length: n }, (_, i) => (i === 0 ? crashLoop.app : `app-${i}`));
    const sentAt = new Map<string, number>();
    const acks = await Promise.all(
      apps.map((app) => {
        sentAt.set(app, performance.now());
        return sendSlashCommand(url, SECRET, { text: `diagnose ${app} ${crashLoop.namespace}` });
      }),
    );
    const refused = acks.filter((a) => a.status !== 200);
    if (refused.length > 0) throw new Error(`${refused.length} commands got HTTP ${refused[0]?.status}`);
    const finals = await waitForFinalMessages(slack, n);
    const ackMs = acks.map((a) => a.ms);
    const finalMs = apps.map((a) => (finals.get(a) ?? 0) - (sentAt.get(a) ?? 0));
    console.log(
      `\n## slack ack, as deployed (serve --workers 0 + 1 worker process × concurrency 4, ${n} concurrent)`,
    );
    console.log(
      `ack latency:          p50 ${median(ackMs).toFixed(1)} ms, p99 ${percentile(ackMs, 99).toFixed(1)} ms (goal p99 < 50 ms, Slack limit 3000 ms)`,
    );
    console.log(
      `command → final msg:  p50 ${(median(finalMs) / 1000).toFixed(2)} s, p99 ${(percentile(finalMs, 99) / 1000).toFixed(2)} s; crash-loop app ${((finalMs[0] ?? 0) / 1000).toFixed(2)} s`,
    );
    console.log(`Slack messages posted: ${slack.callsTo('chat.postMessage').length} for ${n} diagnoses`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs);
    admin.disconnect();
    await slack.close();
    await sim.stop();
  }
}
