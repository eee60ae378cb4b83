import type { AttributedLine } from './proxy-log-facts.js';
import { clock } from './pod-facts.js';

/** `refused ×14 (502) at 10.244.1.15:8080, 10.244.2.16:8080, 15:01:02Z–15:04:00Z`. */
export function summariseByKind(lines: AttributedLine[]): string[] {
  const groups = new Map<string, AttributedLine[]>();
  for (const l of lines) groups.set(l.line.kind, [...(groups.get(l.line.kind) ?? []), l]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([kind, group]) => {
      const times = group.map((g) => g.line.time?.getTime()).filter((t): t is number => t !== undefined);
      const addrs = [...new Set(group.map((g) => g.line.upstreamAddr).filter(Boolean))];
      const statuses = [...new Set(group.map((g) => g.line.status).filter(Boolean))];
      const span = times.length
        ? `, ${clock(new Date(Math.min(...times)))}–${clock(new Date(Math.max(...times)))}`
        : '';
      return `${kind} ×${group.length}${statuses.length ? ` (${statuses.join('/')})` : ''}${addrs.length ? ` at ${addrs.slice(0, 3).join(', ')}${addrs.length > 3 ? ', …' : ''}` : ''}${span}`;
    });
}

/** One raw sample line per kind, shortened, so the SRE sees the proxy's own words. */
export function sampleLines(lines: AttributedLine[], max = 2): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of [...lines].reverse()) {
    if (seen.has(l.line.kind)) continue;
    seen.add(l.line.kind);
    out.push(l.line.raw.length > 240 ? `${l.line.raw.slice(0, 237)}…` : l.line.raw);
    if (out.length >= max) break;
  }
  return out;
}
