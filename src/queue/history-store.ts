import type { Redis } from 'ioredis';
import { z } from 'zod';
import { CAUSES } from '../diagnosis/report.js';

/** One finished diagnosis as `/gw502 history` shows it. */
export const historyEntrySchema = z.object({
  app: z.string(),
  namespace: z.string(),
  cause: z.enum(CAUSES),
  confidence: z.enum(['high', 'medium', 'low']),
  summary: z.string(),
  jobId: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  requestedBy: z.string().optional(),
  channel: z.string().optional(),
  ts: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Bounded lists: everything recent, and per app; both trimmed on every write and expiring when idle. */
export const HISTORY_LIMITS = { all: 200, perApp: 20, ttlSeconds: 30 * 24 * 3600 } as const;
const ALL_KEY = 'gw502:history';
const appKey = (app: string, namespace: string): string => `gw502:history:${namespace}/${app}`;

export async function recordHistory(redis: Redis, entry: HistoryEntry): Promise<void> {
  const json = JSON.stringify({ ...entry, summary: entry.summary.slice(0, 500) });
  const perApp = appKey(entry.app, entry.namespace);
  await redis
    .multi()
    .lpush(ALL_KEY, json)
    .ltrim(ALL_KEY, 0, HISTORY_LIMITS.all - 1)
    .expire(ALL_KEY, HISTORY_LIMITS.ttlSeconds)
    .lpush(perApp, json)
    .ltrim(perApp, 0, HISTORY_LIMITS.perApp - 1)
    .expire(perApp, HISTORY_LIMITS.ttlSeconds)
    .exec();
}

/** Most recent first. Entries that do not parse (older versions) are skipped, not fatal. */
export async function listHistory(
  redis: Redis,
  filter: { app: string; namespace: string } | undefined,
  limit = 10,
): Promise<HistoryEntry[]> {
  const raw = await redis.lrange(filter ? appKey(filter.app, filter.namespace) : ALL_KEY, 0, limit - 1);
  return raw.flatMap((r) => {
    try {
      const parsed = historyEntrySchema.safeParse(JSON.parse(r));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}
