import type { ClassifiedLogLine, UpstreamFailureKind } from '../../proxy/proxy-kind.js';
import type { HostSnapshot } from '../host-snapshot.js';

export interface KindCount {
  kind: UpstreamFailureKind;
  count: number;
  first?: Date;
  last?: Date;
  sample: string;
}

/** Classified lines grouped by kind, with counts and first/last time, most frequent first. */
export function countByKind(lines: ClassifiedLogLine[]): KindCount[] {
  const map = new Map<UpstreamFailureKind, KindCount>();
  for (const l of lines) {
    const c = map.get(l.kind) ?? { kind: l.kind, count: 0, sample: l.raw };
    c.count++;
    c.sample = l.raw;
    if (l.time) {
      if (!c.first || l.time < c.first) c.first = l.time;
      if (!c.last || l.time > c.last) c.last = l.time;
    }
    map.set(l.kind, c);
  }
  return [...map.values()].sort((a, b) => b.count - a.count);
}

export function describeCount(c: KindCount): string {
  const when = c.first && c.last ? ` (${c.first.toISOString()} … ${c.last.toISOString()})` : '';
  return `${c.count}× ${c.kind}${when}`;
}

/**
 * The lines that name the failure most precisely: nginx's error log (the access log only has statuses) or
 * HAProxy's log. Access-log lines count only when there is no better source.
 */
export function failureLines(s: HostSnapshot): ClassifiedLogLine[] {
  const specific = s.logs.filter((l) => l.role !== 'access').flatMap((l) => l.lines);
  return specific.length ? specific : s.logs.flatMap((l) => l.lines);
}

/** Timeouts while waiting for the answer (not while connecting: that is the network, not the app's pace). */
export function isReadTimeout(l: ClassifiedLogLine): boolean {
  if (l.kind !== 'timeout') return false;
  if (/while connecting to upstream/.test(l.raw)) return false;
  if (/ sC-- /.test(l.raw) || / sC[-A-Za-z]{2} /.test(l.raw)) return false;
  return true;
}

export const lastLines = (lines: ClassifiedLogLine[], n = 3): string[] => lines.slice(-n).map((l) => l.raw);
