import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * Where a diagnosis' Slack message lives, keyed by job id. Written right after chat.postMessage and before
 * any chat.update, so a retried or taken-over job (worker SIGKILLed) updates the same message instead of
 * posting a second copy.
 */
export const messageRefSchema = z.object({ channel: z.string(), ts: z.string() });
export type MessageRef = z.infer<typeof messageRefSchema>;

const key = (jobId: string): string => `gw502:msg:${jobId}`;
/** Outlives the job's own retention so late retries still find the message. */
const TTL_SECONDS = 8 * 24 * 3600;

export async function saveMessageRef(redis: Redis, jobId: string, ref: MessageRef): Promise<void> {
  await redis.set(key(jobId), JSON.stringify(ref), 'EX', TTL_SECONDS);
}

export async function loadMessageRef(redis: Redis, jobId: string): Promise<MessageRef | undefined> {
  const raw = await redis.get(key(jobId));
  if (raw === null) return undefined;
  const parsed = messageRefSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

/** A link to the message; Slack redirects it to the client. */
export function messagePermalink(ref: MessageRef): string {
  return `https://slack.com/archives/${ref.channel}/p${ref.ts.replace('.', '')}`;
}
