import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * The remediation audit trail: every request (a button offered), approval, refusal and outcome, appended to
 * one Redis stream. Trimmed with `MAXLEN ~` so it stays bounded without the cost of exact trimming; read
 * newest first by `/gw502 history`.
 */
export const AUDIT_STREAM = 'gw502:audit';
export const AUDIT_MAX_LEN = 10_000;

export const auditEventSchema = z.object({
  event: z.enum(['request', 'approval', 'refusal', 'outcome']),
  approvalId: z.string(),
  /** rollback / helm-rollback / restart-proxy */
  action: z.string(),
  app: z.string(),
  namespace: z.string(),
  /** `deployment/checkout in shop` */
  target: z.string(),
  /** Slack user id of whoever caused the event (requester, approver, refused clicker). */
  user: z.string(),
  /** Refusal reason, outcome summary… one line. */
  detail: z.string(),
  at: z.iso.datetime(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditEntry = AuditEvent & { id: string };

export async function appendAudit(
  redis: Redis,
  event: Omit<AuditEvent, 'at'> & { at?: string },
): Promise<string> {
  const e = auditEventSchema.parse({
    ...event,
    at: event.at ?? new Date().toISOString(),
    detail: event.detail.slice(0, 500),
  });
  const fields = Object.entries(e).flat();
  const id = await redis.xadd(AUDIT_STREAM, 'MAXLEN', '~', String(AUDIT_MAX_LEN), '*', ...fields);
  return id ?? '';
}

/** Newest first; with a filter, only events about that app+namespace. Scans at most `scan` entries. */
export async function listAudit(
  redis: Redis,
  filter: { app: string; namespace: string } | undefined,
  limit = 20,
  scan = 1000,
): Promise<AuditEntry[]> {
  const raw = await redis.xrevrange(AUDIT_STREAM, '+', '-', 'COUNT', filter ? scan : limit);
  const out: AuditEntry[] = [];
  for (const [id, flat] of raw) {
    const obj: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) obj[flat[i] ?? ''] = flat[i + 1] ?? '';
    const parsed = auditEventSchema.safeParse(obj);
    if (!parsed.success) continue;
    if (filter && (parsed.data.app !== filter.app || parsed.data.namespace !== filter.namespace)) continue;
    out.push({ ...parsed.data, id });
    if (out.length >= limit) break;
  }
  return out;
}

/** One mrkdwn line per entry, for `/gw502 history`. */
export function formatAuditLine(e: AuditEntry): string {
  const unix = Math.floor(Date.parse(e.at) / 1000);
  const when = Number.isFinite(unix) ? `<!date^${unix}^{date_short_pretty} {time}|${e.at}>` : e.at;
  return `${when} · *${e.event}* · ${e.action} \`${e.target}\` · <@${e.user}> · ${e.detail}`;
}
