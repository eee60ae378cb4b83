import { z } from 'zod';

/**
 * One approvable remediation, as stored in Redis (`approval-store.ts`). The Slack button carries only the
 * approval id; everything a click may act on lives here, written once when the result message is rendered.
 *
 * Life cycle: `pending` → `executing` (an approver's click won the atomic claim) → `done` / `failed`, or
 * `unknown` when the worker running it stopped mid-way. Refused and expired clicks change nothing.
 */
export const APPROVAL_STATES = ['pending', 'executing', 'done', 'failed', 'unknown'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** What the target looked like when diagnosed; the stale guard refuses when the live object differs. */
export const expectedTargetSchema = z.object({
  kind: z.literal('Deployment'),
  namespace: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().int().optional(),
  revision: z.number().int().optional(),
  templateHash: z.string().optional(),
});
export type ExpectedTarget = z.infer<typeof expectedTargetSchema>;

/** The immutable part of an approval. */
export const approvalSpecSchema = z.object({
  id: z.string().min(1),
  /** All approvals offered on one message share a group: approving one voids the others. */
  groupId: z.string().min(1),
  kind: z.enum(['rollback', 'helm-rollback', 'restart-proxy']),
  /** The object the action writes to (the app's Deployment, or the proxy Deployment). */
  target: expectedTargetSchema,
  toRevision: z.number().int().positive().optional(),
  release: z.string().optional(),
  /** The diagnosed app, re-diagnosed after the action. */
  app: z.string().min(1),
  namespace: z.string().min(1),
  /** Who asked for the diagnosis that suggested the action. */
  requester: z.string().min(1),
  /**
   * Host actions only (restart-proxy on a host): run by that host's agent on its queue, never by the cluster
   * worker. `target` then names the proxy (name) on the host (namespace) and is not a Deployment.
   */
  host: z
    .object({ name: z.string().min(1), proxy: z.enum(['nginx', 'haproxy']), service: z.string().min(1) })
    .optional(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type ApprovalSpec = z.infer<typeof approvalSpecSchema>;

/** What came of an approved action, stored as JSON with the approval and shown in the message. */
export const outcomeSchema = z.object({
  /** recovered / still-failing after a write; stale / write-failed / rollout-timeout / not-started / unknown… */
  result: z.enum([
    'recovered',
    'still-failing',
    'stale',
    'write-failed',
    'rollout-timeout',
    'no-op',
    'not-started',
    'unknown',
  ]),
  summary: z.string(),
  /** Whether the cluster was written to (false = provably nothing changed). */
  wrote: z.boolean(),
  /** The verdict of the diagnosis re-run after the action. */
  verdict: z.object({ cause: z.string(), summary: z.string() }).optional(),
  /** Tail of command output (helm), redacted. */
  output: z.string().optional(),
});
export type RemediationOutcome = z.infer<typeof outcomeSchema>;

export interface ApprovalRecord {
  spec: ApprovalSpec;
  state: ApprovalState;
  approvedBy?: string;
  approvedAt?: string;
  startedAt?: string;
  worker?: string;
  wroteAt?: string;
  finishedAt?: string;
  outcome?: RemediationOutcome;
}

/** Where the result message lives and what it showed, so every step can re-render it. */
export const approvalGroupSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  /** The diagnosis report the message was rendered from (JSON). */
  report: z.string(),
  requestedBy: z.string(),
  jobId: z.string().optional(),
  /** The approval id that won the group, once one did. */
  claimedBy: z.string().optional(),
});
export type ApprovalGroup = z.infer<typeof approvalGroupSchema>;

/** `deployment/checkout in shop` — how targets are named in messages and the audit. */
export function describeTarget(t: Pick<ExpectedTarget, 'name' | 'namespace'>): string {
  return `deployment/${t.name} in ${t.namespace}`;
}

/** The target in words: `nginx on host web-1` for host actions, else the Deployment. */
export function describeSpecTarget(spec: Pick<ApprovalSpec, 'target' | 'host'>): string {
  return spec.host ? `${spec.host.proxy} on host ${spec.host.name}` : describeTarget(spec.target);
}
