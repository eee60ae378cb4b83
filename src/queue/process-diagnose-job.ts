import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { renderFailureMessage, renderProgressMessage } from '../blocks/render-progress.js';
import { renderReportMessage } from '../blocks/render-report.js';
import { renderNotice } from '../blocks/render-help.js';
import { formatDuration } from '../blocks/mrkdwn.js';
import type { SlackMessage } from '../blocks/check-message-limits.js';
import type { DiagnoseError } from '../diagnosis/diagnose-app.js';
import type { CheckResult, DiagnosisReport } from '../diagnosis/report.js';
import type { OfferHook } from '../actions/remediation-runtime.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { SlackPostError, type SlackPoster } from '../slack/slack-poster.js';
import {
  DIAGNOSE_JOB_TIMEOUT_MS,
  DIAGNOSE_QUEUE,
  diagnoseJobSchema,
  type DiagnoseJobData,
} from './diagnose-job.js';
import { releaseActiveDiagnosis } from './enqueue-diagnose.js';
import { recordHistory } from './history-store.js';
import { loadMessageRef, saveMessageRef, type MessageRef } from './message-ref-store.js';
import { ThrottledUpdater } from './throttled-updater.js';

/** What every diagnose job carries about where it came from in Slack. */
export interface JobOrigin {
  channel: string;
  user: string;
  responseUrl?: string;
}

/**
 * What the processor must know about one kind of diagnose job (cluster app, or service on a host): how to
 * read its data and what it diagnoses. The message/idempotency machinery is the same for every kind.
 */
export interface DiagnoseJobKind<D extends JobOrigin> {
  /** Queue name, for metrics. */
  queue: string;
  schema: z.ZodType<D>;
  /** The subject as history records it (cluster: app + namespace; host: service + host). */
  subject(data: D): { app: string; namespace: string };
  /** The subject as progress/failure messages show it ("checkout in shop"); default `subject`. */
  shownAs?(data: D): { app: string; namespace: string };
  /** Errors that will fail the same way on every attempt, beyond the shared ones. */
  isPermanent?(err: unknown): boolean;
  /** Free the lock that makes concurrent requests join one diagnosis (cluster jobs). */
  release?(redis: Redis, data: D, jobId: string): Promise<void>;
}

/** The `diagnose` queue's jobs: an app in a namespace, one active diagnosis per app (joined, not repeated). */
export const clusterDiagnoseJob: DiagnoseJobKind<DiagnoseJobData> = {
  queue: DIAGNOSE_QUEUE,
  schema: diagnoseJobSchema,
  subject: (data) => ({ app: data.app, namespace: data.namespace }),
  release: (redis, data, jobId) => releaseActiveDiagnosis(redis, data.app, data.namespace, jobId),
};

export type RunDiagnosis<D extends JobOrigin = DiagnoseJobData> = (
  data: D,
  onCheck: (result: CheckResult, done: number, total: number) => void,
  signal: AbortSignal,
) => Promise<DiagnosisReport>;

export interface DiagnoseProcessorDeps<D extends JobOrigin = DiagnoseJobData> {
  redis: Redis;
  slack: SlackPoster;
  runDiagnosis: RunDiagnosis<D>;
  /** Which jobs these are; default the cluster's `diagnose` jobs. */
  kind?: DiagnoseJobKind<D>;
  logger: Logger;
  metrics?: Metrics;
  /** Per-job budget; past it the attempt fails as transient (and is retried). */
  timeoutMs?: number;
  /** Minimum gap between progress updates of the message (≈1/s keeps within Slack's rate tier). */
  updateIntervalMs?: number;
  /** Remediation: incident thread + approve buttons for the result message (src/actions). */
  offerActions?: OfferHook;
}

/** Where this job's output goes: its channel message, or the requester alone when the bot cannot post. */
type Target = { kind: 'message'; ref: MessageRef } | { kind: 'ephemeral'; responseUrl: string };

class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
}

function explainChannelAccess(err: SlackPostError, channel: string): SlackMessage {
  const why =
    err.code === 'not_in_channel'
      ? `I'm not a member of <#${channel}>, so I can't post the diagnosis there. Invite me with \`/invite @gw502\` (or use a channel I'm in).`
      : `I can't post in this channel (\`${err.code}\`): it may be private or archived. Invite me with \`/invite @gw502\`, or run the command in a channel I'm in.`;
  return renderNotice(`:no_entry: ${why} You'll get the result here, visible only to you.`);
}

/**
 * Recognised by name and code rather than `instanceof` so this module does not load the whole engine
 * (the worker runtime injects it); the class is the contract's DiagnoseError.
 */
function isDiagnoseError(err: unknown): err is DiagnoseError {
  return (
    err instanceof Error && err.name === 'DiagnoseError' && typeof (err as DiagnoseError).code === 'string'
  );
}

/** Bad input or a forbidden namespace will fail the same way every time: do not retry. */
function isPermanent(err: unknown): boolean {
  return (
    err instanceof UnrecoverableError ||
    (isDiagnoseError(err) && err.code !== 'unreachable') ||
    (err instanceof SlackPostError &&
      (err.isChannelAccess || err.code === 'invalid_auth' || err.code === 'invalid_blocks'))
  );
}

/**
 * The diagnose job: post "diagnosing…" once, keep it current as checks finish, end with the verdict.
 * Idempotent across retries and take-overs: the message ts is stored before any update and reused.
 */
export function createDiagnoseProcessor<D extends JobOrigin = DiagnoseJobData>(
  deps: DiagnoseProcessorDeps<D>,
): Processor<D, DiagnosisReport> {
  // Without `kind` D is the default DiagnoseJobData (callers cannot name another D and omit it usefully).
  const kind = deps.kind ?? (clusterDiagnoseJob as unknown as DiagnoseJobKind<D>);
  const release = (data: D, jobId: string) => kind.release?.(deps.redis, data, jobId) ?? Promise.resolve();
  const timeoutMs = deps.timeoutMs ?? DIAGNOSE_JOB_TIMEOUT_MS;
  const interval = deps.updateIntervalMs ?? 1000;

  async function openTarget(job: Job<D>, data: D, first: SlackMessage): Promise<Target> {
    const jobId = job.id ?? '';
    const existing = await loadMessageRef(deps.redis, jobId);
    if (existing) {
      await deps.slack.update(existing.channel, existing.ts, first);
      return { kind: 'message', ref: existing };
    }
    try {
      const ref = await deps.slack.postMessage(data.channel, first);
      await saveMessageRef(deps.redis, jobId, ref);
      return { kind: 'message', ref };
    } catch (err) {
      if (err instanceof SlackPostError && err.isChannelAccess && data.responseUrl) {
        await deps.slack.respond(data.responseUrl, explainChannelAccess(err, data.channel));
        return { kind: 'ephemeral', responseUrl: data.responseUrl };
      }
      throw err;
    }
  }

  async function deliver(target: Target, message: SlackMessage): Promise<void> {
    if (target.kind === 'message') await deps.slack.update(target.ref.channel, target.ref.ts, message);
    else await deps.slack.respond(target.responseUrl, message);
  }

  return async (job) => {
    const parsed = kind.schema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid job data: ${parsed.error.issues[0]?.message ?? ''}`);
    const data = parsed.data;
    const jobId = job.id ?? '';
    const attempt = job.attemptsMade + 1;
    const subject = kind.subject(data);
    const shown = kind.shownAs?.(data) ?? subject;
    const log = deps.logger.child({ jobId, queue: kind.queue, ...subject, attempt });
    const finished: CheckResult[] = [];
    let total: number | undefined;
    const progress = () =>
      renderProgressMessage({
        ...shown,
        jobId,
        finished: [...finished],
        total,
        requestedBy: data.user,
        attempt,
      });

    let target: Target | undefined;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      target = await openTarget(job, data, progress());
      const t = target;
      const updater = new ThrottledUpdater<SlackMessage>(
        interval,
        (m) => deliver(t, m),
        (err) => log.warn({ err }, 'progress update failed'),
      );
      const onCheck = (result: CheckResult, _done: number, all: number) => {
        finished.push(result);
        total = all;
        // Ephemeral replies cannot be edited in place; only the final result goes there.
        if (t.kind === 'message') updater.push(progress());
      };
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // Reject first: aborting makes the engine reject too, and the timeout is the reason to report.
          reject(new JobTimeoutError(`diagnosis took longer than ${formatDuration(timeoutMs)}`));
          abort.abort();
        }, timeoutMs);
      });
      const started = Date.now();
      const report = await Promise.race([deps.runDiagnosis(data, onCheck, abort.signal), timeout]);
      clearTimeout(timer);
      const offered =
        t.kind === 'message' && deps.offerActions
          ? await deps.offerActions(report, { message: t.ref, requestedBy: data.user, jobId })
          : undefined;
      const final = renderReportMessage(report, {
        jobId,
        requestedBy: data.user,
        actionElements: offered?.elements,
        notes: offered?.notes,
      });
      if (t.kind === 'message') await updater.finish(final);
      else {
        await updater.stop();
        await deliver(t, final);
      }
      deps.metrics?.diagnosisDuration.observe({ cause: report.verdict.cause }, (Date.now() - started) / 1000);
      await recordHistory(deps.redis, {
        ...subject,
        cause: report.verdict.cause,
        confidence: report.verdict.confidence,
        summary: report.verdict.summary,
        jobId,
        finishedAt: report.finishedAt ?? new Date().toISOString(),
        durationMs: report.durationMs,
        requestedBy: data.user,
        ...(t.kind === 'message' ? { channel: t.ref.channel, ts: t.ref.ts } : {}),
      }).catch((err: unknown) => log.warn({ err }, 'could not record history'));
      await release(data, jobId);
      log.info({ cause: report.verdict.cause, durationMs: report.durationMs }, 'diagnosis finished');
      return report;
    } catch (err) {
      clearTimeout(timer);
      abort.abort();
      const permanent = isPermanent(err) || (kind.isPermanent?.(err) ?? false);
      const final = permanent || attempt >= (job.opts.attempts ?? 1);
      const reason = err instanceof Error ? err.message : String(err);
      log.warn({ err, permanent, final }, 'diagnosis attempt failed');
      if (!final) deps.metrics?.jobs.inc({ queue: kind.queue, outcome: 'retried' });
      if (target) {
        const message = renderFailureMessage({
          ...shown,
          jobId,
          reason,
          retrying: !final,
        });
        await deliver(target, message).catch((e: unknown) =>
          log.warn({ err: e }, 'could not post the failure'),
        );
      }
      if (final) await release(data, jobId).catch(() => undefined);
      if (permanent && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(reason);
      throw err;
    }
  };
}
