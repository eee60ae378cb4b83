import type { Redis } from 'ioredis';
import {
  APPROVAL_STATES,
  approvalGroupSchema,
  approvalSpecSchema,
  outcomeSchema,
  type ApprovalGroup,
  type ApprovalRecord,
  type ApprovalSpec,
  type ApprovalState,
  type RemediationOutcome,
} from './approval.js';
import { CLAIM, FINISH, HEARTBEAT, MARK_WRITING, REAP, START } from './approval-scripts.js';

const approvalKey = (id: string): string => `gw502:approval:${id}`;
const groupKey = (id: string): string => `gw502:approval-group:${id}`;
const EXECUTING_SET = 'gw502:approvals:executing';
/** Approvals outlive their expiry by days: the audit and post-mortems still resolve them. */
const RETENTION_SECONDS = 8 * 24 * 3600;

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'missing' }
  | { kind: 'expired' }
  | { kind: 'not-pending'; state: string; approvedBy?: string }
  | { kind: 'group-claimed'; by: string };

export type StartResult =
  | { kind: 'started' }
  | { kind: 'not-executing'; state: string }
  | { kind: 'already-started'; worker: string };

export type ReapResult = 'unknown' | 'not-started' | 'alive' | 'waiting' | 'gone';

function strings(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map((v) => (typeof v === 'string' ? v : '')) : [];
}

/** Approval state in Redis; every transition goes through one atomic script (`approval-scripts.ts`). */
export class ApprovalStore {
  constructor(private readonly redis: Redis) {}

  /** Store a message's approvals and its group in one MULTI, all pending. */
  async create(groupId: string, group: ApprovalGroup, specs: ApprovalSpec[]): Promise<void> {
    const multi = this.redis.multi();
    const g = approvalGroupSchema.parse(group);
    const fields: Record<string, string> = {
      channel: g.channel,
      ts: g.ts,
      report: g.report,
      requestedBy: g.requestedBy,
    };
    if (g.jobId) fields.jobId = g.jobId;
    multi.hset(groupKey(groupId), fields).expire(groupKey(groupId), RETENTION_SECONDS);
    for (const spec of specs) {
      const s = approvalSpecSchema.parse(spec);
      multi
        .hset(approvalKey(s.id), {
          spec: JSON.stringify(s),
          state: 'pending',
          expiresAtMs: String(Date.parse(s.expiresAt)),
        })
        .expire(approvalKey(s.id), RETENTION_SECONDS);
    }
    await multi.exec();
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const h = await this.redis.hgetall(approvalKey(id));
    if (!h.spec) return undefined;
    const spec = approvalSpecSchema.safeParse(JSON.parse(h.spec));
    if (!spec.success) return undefined;
    const state = (APPROVAL_STATES as readonly string[]).includes(h.state ?? '')
      ? (h.state as ApprovalState)
      : 'unknown';
    let outcome: RemediationOutcome | undefined;
    if (h.outcome) {
      const parsed = outcomeSchema.safeParse(JSON.parse(h.outcome));
      if (parsed.success) outcome = parsed.data;
    }
    return {
      spec: spec.data,
      state,
      approvedBy: h.approvedBy,
      approvedAt: h.approvedAt,
      startedAt: h.startedAt,
      worker: h.worker,
      wroteAt: h.wroteAt,
      finishedAt: h.finishedAt,
      outcome,
    };
  }

  async getGroup(groupId: string): Promise<ApprovalGroup | undefined> {
    const h = await this.redis.hgetall(groupKey(groupId));
    const parsed = approvalGroupSchema.safeParse(h);
    return parsed.success ? parsed.data : undefined;
  }

  /** The atomic pending → executing transition; exactly one caller ever gets `claimed`. */
  async claim(
    spec: Pick<ApprovalSpec, 'id' | 'groupId'>,
    user: string,
    now = new Date(),
  ): Promise<ClaimResult> {
    const r = strings(
      await this.redis.eval(
        CLAIM,
        3,
        approvalKey(spec.id),
        groupKey(spec.groupId),
        EXECUTING_SET,
        user,
        String(now.getTime()),
        now.toISOString(),
        spec.id,
      ),
    );
    switch (r[0]) {
      case 'claimed':
        return { kind: 'claimed' };
      case 'expired':
        return { kind: 'expired' };
      case 'not-pending':
        return { kind: 'not-pending', state: r[1] ?? 'unknown', approvedBy: r[2] || undefined };
      case 'group-claimed':
        return { kind: 'group-claimed', by: r[1] ?? '' };
      default:
        return { kind: 'missing' };
    }
  }

  async start(id: string, worker: string, now = new Date()): Promise<StartResult> {
    const r = strings(
      await this.redis.eval(START, 1, approvalKey(id), worker, now.toISOString(), String(now.getTime())),
    );
    if (r[0] === 'started') return { kind: 'started' };
    if (r[0] === 'already-started') return { kind: 'already-started', worker: r[1] ?? '' };
    return { kind: 'not-executing', state: r[1] ?? 'missing' };
  }

  async heartbeat(id: string, worker: string, now = Date.now()): Promise<boolean> {
    return (await this.redis.eval(HEARTBEAT, 1, approvalKey(id), worker, String(now))) === 1;
  }

  async markWriting(id: string, worker: string, now = new Date()): Promise<boolean> {
    return (await this.redis.eval(MARK_WRITING, 1, approvalKey(id), worker, now.toISOString())) === 1;
  }

  async finish(
    id: string,
    worker: string,
    state: 'done' | 'failed' | 'unknown',
    outcome: RemediationOutcome,
    now = new Date(),
  ): Promise<boolean> {
    const r = strings(
      await this.redis.eval(
        FINISH,
        3,
        approvalKey(id),
        groupKey('-'),
        EXECUTING_SET,
        worker,
        state,
        now.toISOString(),
        JSON.stringify(outcomeSchema.parse(outcome)),
        id,
      ),
    );
    return r[0] === 'finished';
  }

  /** Ids of approvals currently claimed (executing), for the reaper. */
  async executingIds(): Promise<string[]> {
    return this.redis.smembers(EXECUTING_SET);
  }

  async reap(
    id: string,
    limits: { staleHeartbeatMs: number; unstartedMs: number },
    outcomes: { unknown: RemediationOutcome; notStarted: RemediationOutcome },
    now = new Date(),
  ): Promise<ReapResult> {
    const r = strings(
      await this.redis.eval(
        REAP,
        3,
        approvalKey(id),
        groupKey('-'),
        EXECUTING_SET,
        String(now.getTime()),
        String(limits.staleHeartbeatMs),
        String(limits.unstartedMs),
        now.toISOString(),
        JSON.stringify(outcomes.unknown),
        JSON.stringify(outcomes.notStarted),
        id,
      ),
    );
    return (r[0] as ReapResult | undefined) ?? 'gone';
  }
}
