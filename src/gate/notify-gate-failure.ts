import type { Button } from '@slack/types';
import type { Gw502Config } from '../config/config.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { Logger } from '../logger.js';

export interface NotifyOptions {
  channel: string;
  token: string;
  /** SLACK_API_URL (tests: the fake Slack). */
  apiUrl: string;
  /** gw502's Redis: approvals for the buttons live there, where `gw502 serve` finds them on click. */
  redisUrl?: string;
  config: Gw502Config;
  logger: Logger;
  /** A line naming the pipeline run (CI job URL), shown under the report. */
  origin?: string;
}

export interface NotifyResult {
  channel: string;
  ts: string;
  buttons: number;
  notes: string[];
}

/** Who the approvals name as requester: not a Slack user, so a four-eyes rule never mistakes it for one. */
export const GATE_REQUESTER = 'gw502-gate';

/**
 * Post the failure report to Slack with the usual Block Kit message. When the verdict suggests actions
 * and gw502's Redis answers, the approval buttons are offered exactly as `gw502 serve` would (stored
 * approvals, then the message updated with the buttons); otherwise the message says how to get them.
 * The gate itself never acts: a click still goes through the Slack app's approval flow.
 */
export async function notifyGateFailure(report: DiagnosisReport, opts: NotifyOptions): Promise<NotifyResult> {
  const [{ SlackPoster }, { renderReportMessage }] = await Promise.all([
    import('../slack/slack-poster.js'),
    import('../blocks/render-report.js'),
  ]);
  const poster = new SlackPoster({
    token: opts.token,
    apiUrl: opts.apiUrl,
    logger: opts.logger,
    // A pipeline step should not hang half a minute on Slack; two quick retries ride out a blip.
    retries: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 2000 },
  });
  const notes = opts.origin ? [`Reported by \`gw502 gate\` in ${opts.origin}`] : ['Reported by `gw502 gate`'];
  const ref = await poster.postMessage(
    opts.channel,
    renderReportMessage(report, { notes, actionElements: [] }),
  );
  if (report.verdict.actions.length === 0) return { ...ref, buttons: 0, notes };

  const offered = await offerButtons(report, ref, opts);
  const allNotes = [...notes, ...offered.notes];
  await poster.update(
    ref.channel,
    ref.ts,
    renderReportMessage(report, {
      notes: allNotes,
      ...(offered.elements.length ? { actionElements: offered.elements } : {}),
    }),
  );
  return { ...ref, buttons: offered.elements.length, notes: allNotes };
}

async function offerButtons(
  report: DiagnosisReport,
  message: { channel: string; ts: string },
  opts: NotifyOptions,
): Promise<{ elements: Button[]; notes: string[] }> {
  const unreachable = {
    elements: [],
    notes: [
      ":information_source: No buttons: gw502's Redis (REDIS_URL) is not reachable from this pipeline. " +
        `Run \`/gw502 diagnose ${report.app} ${report.namespace}\` to get them.`,
    ],
  };
  if (!opts.redisUrl) return unreachable;
  const { createProducerConnection, pingRedis } = await import('../queue/redis-connections.js');
  const redis = createProducerConnection(opts.redisUrl, { lazyConnect: true, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect().catch(() => undefined);
    if (!(await pingRedis(redis, 1000))) return unreachable;
    const { offerActions } = await import('../actions/offer-actions.js');
    const offered = await offerActions(redis, opts.config, { report, message, requestedBy: GATE_REQUESTER });
    return { elements: offered.elements, notes: offered.notes };
  } catch (err) {
    opts.logger.warn({ err }, 'could not offer approval buttons');
    return unreachable;
  } finally {
    redis.disconnect();
  }
}
