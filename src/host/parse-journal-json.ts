import { z } from 'zod';

const Entry = z.object({
  MESSAGE: z.union([z.string(), z.array(z.number())]).optional(),
  __REALTIME_TIMESTAMP: z.string().optional(),
  PRIORITY: z.string().optional(),
});

/**
 * `journalctl -u <unit> -n 50 -o json` (one JSON object per line) → `time message` lines, oldest first.
 * journald stores non-UTF-8 messages as byte arrays; those are decoded leniently.
 */
export function parseJournalJson(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const e = Entry.safeParse(parsed);
    if (!e.success || e.data.MESSAGE === undefined) continue;
    const msg =
      typeof e.data.MESSAGE === 'string' ? e.data.MESSAGE : Buffer.from(e.data.MESSAGE).toString('utf8');
    const us = e.data.__REALTIME_TIMESTAMP;
    const time = us && /^\d+$/.test(us) ? new Date(Number(BigInt(us) / 1000n)).toISOString() : '';
    out.push(time ? `${time} ${msg}` : msg);
  }
  return out;
}
