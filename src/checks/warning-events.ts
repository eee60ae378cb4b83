import type { Check } from './check.js';
import { appEvents, eventCount, eventTime } from './app-events.js';
import { firstFetchProblem } from './fetch-problem.js';
import { clock } from './pod-facts.js';

/** Step 1's `describe pod | grep Events`: the app's Warning events by reason, most frequent first. */
export const warningEventsCheck: Check = {
  id: 'warning-events',
  runbookStep: '1',
  title: 'Warning events',
  run(s) {
    const problem = firstFetchProblem(s.events);
    if (problem) return problem;
    const events = appEvents(s);
    if (events.length === 0) return { status: 'ok', summary: 'no Warning events for the app', evidence: [] };
    const byReason = new Map<string, { count: number; last?: Date; message: string; objects: Set<string> }>();
    for (const e of events) {
      const reason = e.reason ?? 'Unknown';
      const entry = byReason.get(reason) ?? {
        count: 0,
        message: e.message ?? '',
        objects: new Set<string>(),
      };
      entry.count += eventCount(e);
      entry.objects.add(e.involvedObject.name ?? '?');
      const t = eventTime(e);
      if (t && (!entry.last || t > entry.last)) {
        entry.last = t;
        entry.message = e.message ?? entry.message;
      }
      byReason.set(reason, entry);
    }
    const sorted = [...byReason.entries()].sort((a, b) => b[1].count - a[1].count);
    const evidence = sorted.map(
      ([reason, e]) =>
        `${reason} ×${e.count} on ${e.objects.size} object(s), last ${clock(e.last)}: ${e.message.slice(0, 160)}`,
    );
    return {
      status: 'warn',
      summary: sorted.map(([reason, e]) => `${reason} ×${e.count}`).join(', '),
      evidence,
    };
  },
};
