import type { App, SlashCommand } from '@slack/bolt';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { listAudit } from '../../actions/audit-log.js';
import { withAuditSection } from '../../actions/render-audit.js';
import type { SlackMessage } from '../../blocks/check-message-limits.js';
import { renderHelpMessage, renderNotice } from '../../blocks/render-help.js';
import { renderHistoryMessage } from '../../blocks/render-history.js';
import type { Gw502Config } from '../../config/config.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import { DIAGNOSE_QUEUE, type DiagnoseJobData } from '../../queue/diagnose-job.js';
import { enqueueDiagnose, type EnqueueResult } from '../../queue/enqueue-diagnose.js';
import type { HostQueues } from '../../queue/enqueue-host-diagnosis.js';
import { listHistory } from '../../queue/history-store.js';
import { messagePermalink } from '../../queue/message-ref-store.js';
import { DeadlineError, withDeadline } from '../../queue/redis-connections.js';
import { parseCommand, type ParsedCommand } from './parse-command.js';

export interface CommandDeps {
  config: Gw502Config;
  /** The `diagnose` queue on the producer connection (fails fast when Redis is down). */
  queue: Queue;
  redis: Redis;
  hostQueues: HostQueues;
  metrics: Metrics;
  logger: Logger;
  /** Upper bound for the Redis part of a command; Slack's 3 s ack budget minus network and margin. */
  redisDeadlineMs?: number;
}

const REDIS_DOWN =
  ":warning: *gw502 can't queue this right now:* its job queue (Redis) is not answering. " +
  'Nothing was started. Try again in a minute, or run `gw502 diagnose <app> <namespace>` from a terminal with cluster access.';

/** Errors that mean "Redis did not answer", as opposed to a bug. */
function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof DeadlineError) return true;
  const message = err instanceof Error ? err.message : '';
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|Command timed out|MaxRetriesPerRequest|ENOTFOUND/i.test(
    message,
  );
}

function namespaceAllowed(config: Gw502Config, namespace: string): boolean {
  return !config.namespaces || config.namespaces.includes(namespace);
}

function forbidden(config: Gw502Config, namespace: string): SlackMessage {
  return renderNotice(
    `:no_entry: Namespace \`${namespace}\` is not one gw502 may diagnose. Allowed: ${(config.namespaces ?? [])
      .map((n) => `\`${n}\``)
      .join(', ')}.`,
  );
}

function joinedNotice(
  result: Extract<EnqueueResult, { kind: 'joined' }>,
  data: DiagnoseJobData,
): SlackMessage {
  const who = result.requestedBy ? ` (requested by <@${result.requestedBy}>)` : '';
  const where = result.message
    ? `<${messagePermalink(result.message)}|this message>`
    : `<#${result.channel ?? data.channel}> as soon as it starts`;
  return renderNotice(
    `:hourglass_flowing_sand: A diagnosis of *${data.app}* in *${data.namespace}* is already ${result.state === 'active' ? 'running' : 'queued'}${who}; I joined you to it instead of starting another. You'll see the result in ${where}.`,
  );
}

async function answer(cmd: ParsedCommand, command: SlashCommand, deps: CommandDeps): Promise<SlackMessage> {
  const deadline = deps.redisDeadlineMs ?? 1500;
  switch (cmd.kind) {
    case 'help':
      return renderHelpMessage();
    case 'invalid':
      return renderHelpMessage(cmd.problem);
    case 'history': {
      if (cmd.namespace && !namespaceAllowed(deps.config, cmd.namespace))
        return forbidden(deps.config, cmd.namespace);
      const filter = cmd.app && cmd.namespace ? { app: cmd.app, namespace: cmd.namespace } : undefined;
      const entries = await withDeadline(listHistory(deps.redis, filter, 15), deadline, 'history');
      const audit = await withDeadline(listAudit(deps.redis, filter, 15), deadline, 'audit').catch(() => []);
      return withAuditSection(renderHistoryMessage(entries, filter), audit);
    }
    case 'diagnose': {
      if (!namespaceAllowed(deps.config, cmd.namespace)) return forbidden(deps.config, cmd.namespace);
      const data: DiagnoseJobData = {
        app: cmd.app,
        namespace: cmd.namespace,
        channel: command.channel_id,
        user: command.user_id,
        ...(command.response_url ? { responseUrl: command.response_url } : {}),
        requestedAt: new Date().toISOString(),
      };
      const result = await withDeadline(enqueueDiagnose(deps.queue, deps.redis, data), deadline, 'enqueue');
      deps.metrics.jobs.inc({ queue: DIAGNOSE_QUEUE, outcome: result.kind });
      if (result.kind === 'joined') return joinedNotice(result, data);
      return renderNotice(
        `:mag: Diagnosing *${cmd.app}* in *${cmd.namespace}*… the result will appear in this channel (job \`${result.jobId}\`).`,
      );
    }
    case 'diagnose-host': {
      const result = await withDeadline(
        deps.hostQueues.enqueue({
          host: cmd.host,
          service: cmd.service,
          channel: command.channel_id,
          user: command.user_id,
          ...(command.response_url ? { responseUrl: command.response_url } : {}),
          requestedAt: new Date().toISOString(),
        }),
        deadline,
        'enqueue host diagnosis',
      );
      if (result.kind === 'no-agent') {
        return renderNotice(
          `:satellite_antenna: No gw502 agent has been seen for host \`${cmd.host}\` in the last minute, so nothing would pick this up. Start \`gw502 agent --host ${cmd.host}\` on that host, or run \`gw502 diagnose-host ${cmd.service}\` there directly.`,
        );
      }
      return renderNotice(
        `:mag: Diagnosing \`${cmd.service}\` on \`${cmd.host}\`… the host agent will post the result in this channel (job \`${result.jobId}\`).`,
      );
    }
  }
}

/** `/gw502`: validate, enqueue, ack — all within Slack's 3 s whatever Redis or the cluster do. */
export function registerGw502Command(app: App, deps: CommandDeps): void {
  app.command('/gw502', async ({ command, ack }) => {
    const started = performance.now();
    const cmd = parseCommand(command.text ?? '');
    deps.metrics.commands.inc({ command: cmd.kind });
    let message: SlackMessage;
    try {
      message = await answer(cmd, command, deps);
    } catch (err) {
      const redisDown = isRedisUnavailable(err);
      deps.logger.warn({ err, command: cmd.kind, redisDown }, 'slash command failed');
      message = renderNotice(
        redisDown
          ? REDIS_DOWN
          : ':warning: gw502 hit an internal error handling this command; it has been logged.',
      );
    }
    await ack({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
    deps.metrics.ackDuration.observe({ command: cmd.kind }, (performance.now() - started) / 1000);
  });
}
