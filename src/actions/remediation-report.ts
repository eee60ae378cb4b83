import type { Redis } from 'ioredis';
import type { ActionsBlockElement } from '@slack/types';
import type { Logger } from '../logger.js';
import type { ApprovalGroup, ApprovalRecord } from './approval.js';
import { appendAudit, type AuditEvent } from './audit-log.js';
import { describeSpecTarget } from './approval.js';
import { noteIncident } from './incident-thread.js';
import { renderRemediationMessage } from './render-remediation-message.js';
import { textMessage, type SlackOut } from './slack-out.js';

/**
 * Everywhere a remediation step is told: the result message (re-rendered, buttons gone), a reply in its
 * thread, the incident thread when one is open, and the audit stream. Slack failures are logged, never
 * thrown: the cluster action must not depend on Slack being up.
 */
export class RemediationReporter {
  constructor(private readonly deps: { redis: Redis; slack: SlackOut; logger: Logger }) {}

  async updateMessage(
    group: ApprovalGroup,
    notes: string[],
    elements: ActionsBlockElement[] = [],
  ): Promise<void> {
    try {
      await this.deps.slack.update(group.channel, group.ts, renderRemediationMessage(group, notes, elements));
    } catch (err) {
      this.deps.logger.warn(
        { err, channel: group.channel, ts: group.ts },
        'could not update the result message',
      );
    }
  }

  /** A line in the result message's thread and in the incident thread. */
  async say(group: ApprovalGroup, rec: ApprovalRecord, text: string): Promise<void> {
    try {
      await this.deps.slack.reply(group.channel, group.ts, textMessage(text));
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not reply in the result thread');
    }
    try {
      await noteIncident(this.deps.slack, this.deps.redis, rec.spec.app, rec.spec.namespace, text);
    } catch (err) {
      this.deps.logger.warn({ err }, 'could not note the incident thread');
    }
  }

  async audit(rec: ApprovalRecord, event: AuditEvent['event'], user: string, detail: string): Promise<void> {
    try {
      await appendAudit(this.deps.redis, {
        event,
        approvalId: rec.spec.id,
        action: rec.spec.kind,
        app: rec.spec.app,
        namespace: rec.spec.namespace,
        target: describeSpecTarget(rec.spec),
        user,
        detail,
      });
    } catch (err) {
      this.deps.logger.error({ err, approvalId: rec.spec.id, event }, 'could not append to the audit stream');
    }
  }
}
