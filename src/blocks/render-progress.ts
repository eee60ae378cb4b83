import type { KnownBlock } from '@slack/types';
import type { CheckResult } from '../diagnosis/report.js';
import { STATUS_EMOJI } from './cause-labels.js';
import type { SlackMessage } from './check-message-limits.js';
import { clip, escapeMrkdwn } from './mrkdwn.js';

export interface ProgressState {
  app: string;
  namespace: string;
  jobId: string;
  /** Checks finished so far, in the order they finished. */
  finished: readonly CheckResult[];
  /** Total checks; undefined until the engine reports the first one. */
  total?: number;
  requestedBy?: string;
  /** Set when this is a retry after a transient failure (1-based). */
  attempt?: number;
}

function bar(done: number, total: number): string {
  const width = 20;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** The "diagnosing… n/m checks" message the worker keeps current while the checks run. */
export function renderProgressMessage(state: ProgressState): SlackMessage {
  const done = state.finished.length;
  const counter = state.total === undefined ? 'starting…' : `${done}/${state.total} checks`;
  const title = `:mag: *Diagnosing ${escapeMrkdwn(state.app)} in ${escapeMrkdwn(state.namespace)}…* ${counter}`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: state.total === undefined ? title : `${title}\n\`${bar(done, state.total)}\``,
      },
    },
  ];
  // Problems found so far, so the on-call engineer can start looking before the verdict arrives.
  const problems = state.finished.filter((c) => c.status === 'fail' || c.status === 'warn');
  if (problems.length > 0) {
    const lines = problems
      .slice(0, 15)
      // 15 lines of at most 180 characters always fit the 3000-character section with room for the tail.
      .map((c) =>
        clip(`${STATUS_EMOJI[c.status]} *${escapeMrkdwn(clip(c.id, 60))}* — ${escapeMrkdwn(c.summary)}`, 180),
      );
    if (problems.length > 15) lines.push(`_…and ${problems.length - 15} more_`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`Found so far:\n${lines.join('\n')}`, 3000) },
    });
  }
  const footer = [`job \`${clip(state.jobId, 120)}\``];
  if (state.requestedBy) footer.unshift(`requested by <@${state.requestedBy}>`);
  if (state.attempt && state.attempt > 1) footer.push(`attempt ${state.attempt}`);
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer.join(' · ') }] });
  return { text: `Diagnosing ${state.app} in ${state.namespace}… ${counter}`, blocks };
}

/** Final state when the diagnosis could not run at all: the reason, in place of the progress message. */
export function renderFailureMessage(opts: {
  app: string;
  namespace: string;
  jobId: string;
  reason: string;
  /** Whether another attempt is scheduled (transient failure) or this is final. */
  retrying?: boolean;
}): SlackMessage {
  const head = opts.retrying
    ? `:hourglass: *Diagnosis of ${escapeMrkdwn(opts.app)} in ${escapeMrkdwn(opts.namespace)} hit a transient error; retrying.*`
    : `:no_entry: *Could not diagnose ${escapeMrkdwn(opts.app)} in ${escapeMrkdwn(opts.namespace)}.*`;
  return {
    text: opts.retrying
      ? `Diagnosis of ${opts.app} in ${opts.namespace}: retrying after ${opts.reason}`
      : `Could not diagnose ${opts.app} in ${opts.namespace}: ${opts.reason}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(`${head}\n${escapeMrkdwn(opts.reason)}`, 3000) },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `job \`${clip(opts.jobId, 120)}\`` }] },
    ],
  };
}
