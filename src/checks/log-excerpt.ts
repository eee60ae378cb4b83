import type { Check } from './check.js';

const ERROR_LIKE = /\b(error|exception|fatal|panic|failed|refused|denied|cannot|unable|traceback|killed)\b/i;
const MAX_LINES = 8;
const MAX_CHARS = 200;

/** Step 1's `kubectl logs --tail=50` of the failing containers: error-looking lines first. */
export const logExcerptCheck: Check = {
  id: 'log-excerpt',
  runbookStep: '1',
  title: 'Logs of failing containers',
  run(s) {
    const logs = s.containerLogs.filter((l) => l.lines.length > 0);
    if (logs.length === 0)
      return { status: 'ok', summary: 'no failing container logs to show', evidence: [] };
    const errorLines: string[] = [];
    const otherLines: string[] = [];
    for (const log of logs) {
      const who = `${log.pod}/${log.container}${log.previous ? ' (previous)' : ''}`;
      const tail = log.lines.slice(-50);
      for (const line of tail) {
        const text = `${who}: ${line.trim().slice(0, MAX_CHARS)}`;
        (ERROR_LIKE.test(line) ? errorLines : otherLines).push(text);
      }
    }
    // Newest errors matter most: keep the last error lines, then fill with the last other lines.
    const evidence = [
      ...errorLines.slice(-MAX_LINES),
      ...otherLines.slice(-(MAX_LINES - Math.min(errorLines.length, MAX_LINES))),
    ].slice(0, MAX_LINES);
    return {
      status: errorLines.length > 0 ? 'warn' : 'ok',
      summary: `${errorLines.length} error-looking line(s) in ${logs.length} failing container log(s)`,
      evidence,
    };
  },
};
