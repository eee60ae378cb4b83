import { randomBytes } from 'node:crypto';
import type { Button } from '@slack/types';
import type { Redis } from 'ioredis';
import { approvalButton } from '../blocks/action-buttons.js';
import type { Gw502Config } from '../config/config.js';
import type { DiagnosisReport, SuggestedAction } from '../diagnosis/report.js';
import type { MessageRef } from '../queue/message-ref-store.js';
import type { ApprovalSpec, ExpectedTarget } from './approval.js';
import { describeSpecTarget } from './approval.js';
import { ApprovalStore } from './approval-store.js';
import { appendAudit } from './audit-log.js';
import { describeApproval } from './remediation-notes.js';

export interface OfferContext {
  report: DiagnosisReport;
  /** The result message the buttons go on. */
  message: MessageRef;
  requestedBy: string;
  jobId?: string;
  /**
   * The proxy Deployment as it is now, for the restart-proxy stale guard (uid, revision). Optional: without
   * it, the guard still refuses when the proxy is gone or mid-change.
   */
  proxyTarget?: Partial<ExpectedTarget>;
  now?: Date;
}

/** What to put on the result message: the approve buttons, and notes for actions that get none. */
export interface OfferedActions {
  elements: Button[];
  notes: string[];
  approvals: ApprovalSpec[];
}

export const newApprovalId = (): string => randomBytes(12).toString('base64url');

function parseTarget(target: string): { kind: string; name: string } | undefined {
  const m = /^([a-z]+)\/([a-z0-9.-]+)$/.exec(target);
  return m ? { kind: m[1] ?? '', name: m[2] ?? '' } : undefined;
}

/** Why an action gets no button, or the target it would act on. */
function expectedFor(
  a: SuggestedAction,
  report: DiagnosisReport,
  config: Gw502Config,
  proxy: Partial<ExpectedTarget> | undefined,
): ExpectedTarget | string {
  const t = parseTarget(a.target);
  if (a.kind === 'restart-proxy') {
    return {
      ...proxy,
      kind: 'Deployment',
      namespace: config.proxy.namespace,
      name: config.proxy.deployment,
    };
  }
  if (report.verdict.gitops) {
    return `${a.target} is managed by ${report.verdict.gitops.tool}: roll back through Git (revert the commit and let ${report.verdict.gitops.tool} sync), not from Slack`;
  }
  const fp = report.target;
  // rollback names the Deployment; helm-rollback names the release (`helm/<release>`) of the diagnosed one.
  const namesWorkload = t?.kind === 'deployment' || (a.kind === 'helm-rollback' && t?.kind === 'helm');
  if (!t || !namesWorkload) return `${a.target}: only Deployments can be rolled back from Slack`;
  if (!fp || fp.kind !== 'Deployment' || !fp.uid || (t.kind === 'deployment' && fp.name !== t.name)) {
    return `${a.target}: the diagnosis could not fingerprint it, so a stale rollback could not be ruled out`;
  }
  if (a.toRevision === undefined) return `${a.target}: no revision to roll back to`;
  if (a.kind === 'helm-rollback' && !a.release) return `${a.target}: no Helm release named`;
  return {
    kind: 'Deployment',
    namespace: fp.namespace,
    name: fp.name,
    uid: fp.uid,
    resourceVersion: fp.resourceVersion,
    generation: fp.generation,
    revision: fp.revision,
  };
}

/** A host report's action: only restart-proxy of this host's proxy runs there (by its agent). */
function hostActionFor(
  a: SuggestedAction,
  report: DiagnosisReport,
): NonNullable<ApprovalSpec['host']> | string {
  const m = /^host\/([^/]+)\/(nginx|haproxy)$/.exec(a.target);
  if (a.kind !== 'restart-proxy' || !m || m[1] !== report.host) {
    return `${a.target}: only the proxy of the diagnosed host can be acted on from Slack`;
  }
  return { name: m[1] ?? '', proxy: m[2] === 'haproxy' ? 'haproxy' : 'nginx', service: report.app };
}

/**
 * Turn the verdict's suggested actions into approvals stored in Redis and their buttons, one group per
 * message. GitOps-managed targets get an explanation instead of a button. Each offer is audited.
 */
export async function offerActions(
  redis: Redis,
  config: Gw502Config,
  ctx: OfferContext,
): Promise<OfferedActions> {
  const now = ctx.now ?? new Date();
  const expiresAt = new Date(now.getTime() + config.approvalTtlMinutes * 60_000).toISOString();
  const groupId = newApprovalId();
  const approvals: ApprovalSpec[] = [];
  const notes: string[] = [];
  for (const action of ctx.report.verdict.actions) {
    if (ctx.report.host) {
      const host = hostActionFor(action, ctx.report);
      if (typeof host === 'string') {
        notes.push(`:lock: No button: ${host}.`);
        continue;
      }
      approvals.push({
        id: newApprovalId(),
        groupId,
        kind: action.kind,
        // Not a Deployment: the proxy on the host, named so the stored record reads sensibly.
        target: { kind: 'Deployment', namespace: host.name, name: host.proxy },
        host,
        app: ctx.report.app,
        namespace: ctx.report.namespace,
        requester: ctx.requestedBy,
        createdAt: now.toISOString(),
        expiresAt,
      });
      continue;
    }
    const expected = expectedFor(action, ctx.report, config, ctx.proxyTarget);
    if (typeof expected === 'string') {
      notes.push(`:lock: No button: ${expected}.`);
      continue;
    }
    approvals.push({
      id: newApprovalId(),
      groupId,
      kind: action.kind,
      target: expected,
      toRevision: action.kind === 'restart-proxy' ? undefined : action.toRevision,
      release: action.kind === 'helm-rollback' ? action.release : undefined,
      app: ctx.report.app,
      namespace: ctx.report.namespace,
      requester: ctx.requestedBy,
      createdAt: now.toISOString(),
      expiresAt,
    });
  }
  if (ctx.report.verdict.gitops && !notes.some((n) => n.includes('Git'))) {
    notes.push(
      `:lock: ${ctx.report.verdict.gitops.tool} manages this workload: roll back through Git, not from Slack.`,
    );
  }
  if (approvals.length === 0) return { elements: [], notes, approvals };
  await new ApprovalStore(redis).create(
    groupId,
    {
      channel: ctx.message.channel,
      ts: ctx.message.ts,
      report: JSON.stringify(ctx.report),
      requestedBy: ctx.requestedBy,
      jobId: ctx.jobId,
    },
    approvals,
  );
  for (const spec of approvals) {
    await appendAudit(redis, {
      event: 'request',
      approvalId: spec.id,
      action: spec.kind,
      app: spec.app,
      namespace: spec.namespace,
      target: describeSpecTarget(spec),
      user: spec.requester,
      detail: `offered: ${describeApproval(spec)} (expires ${expiresAt})`,
    });
  }
  return { elements: approvals.map(approvalButton), notes, approvals };
}
