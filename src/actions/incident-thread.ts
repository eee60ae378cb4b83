import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CAUSE_TITLE } from '../blocks/cause-labels.js';
import type { Gw502Config } from '../config/config.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import { messagePermalink, type MessageRef } from '../queue/message-ref-store.js';
import { textMessage, type SlackOut } from './slack-out.js';

/**
 * With `incidentChannel` configured, every problem found opens (or continues) one thread there per
 * app+namespace incident: the first non-healthy diagnosis posts a summary linked to the original message,
 * later diagnoses, approvals and outcomes reply in its thread, and a healthy verdict closes it.
 */
const incidentKey = (app: string, namespace: string): string => `gw502:incident:${namespace}/${app}`;
const refSchema = z.object({ channel: z.string(), ts: z.string() });
/** An incident nobody touched for a day is over; the next problem starts a new thread. */
const INCIDENT_TTL_SECONDS = 24 * 3600;
/** While one poster creates the thread, others wait for it this long before giving up. */
const OPENING_TTL_MS = 15_000;
const OPENING = 'opening';

async function currentThread(redis: Redis, key: string, waitMs: number): Promise<MessageRef | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const raw = await redis.get(key);
    if (raw === null) return undefined;
    if (raw !== OPENING) {
      const parsed = refSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Called after each finished diagnosis. Returns the incident thread when one is (now) open. */
export async function reportToIncidentChannel(
  slack: SlackOut,
  redis: Redis,
  config: Pick<Gw502Config, 'incidentChannel'>,
  report: DiagnosisReport,
  origin: MessageRef,
): Promise<MessageRef | undefined> {
  const channel = config.incidentChannel;
  if (!channel) return undefined;
  const key = incidentKey(report.app, report.namespace);
  const link = `<${messagePermalink(origin)}|original message>`;
  const headline = `*${report.app}* in \`${report.namespace}\`: ${CAUSE_TITLE[report.verdict.cause]} — ${report.verdict.summary}`;
  if (report.verdict.cause === 'healthy') {
    const thread = await currentThread(redis, key, 0);
    if (thread) {
      await slack.reply(
        thread.channel,
        thread.ts,
        textMessage(`:large_green_circle: Healthy again: ${headline} (${link})`),
      );
      await redis.del(key);
    }
    return undefined;
  }
  const won = await redis.set(key, OPENING, 'PX', OPENING_TTL_MS, 'NX');
  if (won === 'OK') {
    try {
      const ref = await slack.postMessage(channel, textMessage(`:rotating_light: ${headline}\n${link}`));
      await redis.set(key, JSON.stringify(ref), 'EX', INCIDENT_TTL_SECONDS);
      return ref;
    } catch (err) {
      await redis.del(key);
      throw err;
    }
  }
  const thread = await currentThread(redis, key, OPENING_TTL_MS);
  if (!thread) return undefined;
  await slack.reply(thread.channel, thread.ts, textMessage(`:mag: Diagnosed again: ${headline} (${link})`));
  await redis.expire(key, INCIDENT_TTL_SECONDS);
  return thread;
}

/** A line in the open incident thread of app+namespace (approvals, outcomes); no-op when none is open. */
export async function noteIncident(
  slack: SlackOut,
  redis: Redis,
  app: string,
  namespace: string,
  text: string,
): Promise<void> {
  const thread = await currentThread(redis, incidentKey(app, namespace), 2000);
  if (thread) await slack.reply(thread.channel, thread.ts, textMessage(text));
}

/** Close the incident (after a recovery was verified by the re-diagnosis). */
export async function closeIncident(redis: Redis, app: string, namespace: string): Promise<void> {
  await redis.del(incidentKey(app, namespace));
}
