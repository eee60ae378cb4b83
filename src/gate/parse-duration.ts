/** Why a `--timeout` value was refused; the CLI prints the message and exits 2. */
export class DurationError extends Error {
  override name = 'DurationError';
}

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000 } as const;
/** A pipeline step that waits longer than a day is a mistake, not a rollout. */
const MAX_MS = 24 * UNIT_MS.h;
const SHAPE = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Parse a duration the way pipeline authors write them: `90s`, `5m`, `1m30s`, `2h`. Strict on purpose:
 * a bare `300` (seconds? minutes?), `5 m`, `1.5m` or `5M` are refused with a hint instead of guessed,
 * because a gate that silently waits the wrong time either blocks the pipeline or lets a 502 through.
 */
export function parseDuration(text: string): number {
  const hint = 'use a whole number with a unit: 90s, 5m, 1m30s, 1h';
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) throw new DurationError(`invalid duration "${text}": missing unit (${hint})`);
  const match = SHAPE.exec(trimmed);
  if (!trimmed || !match) throw new DurationError(`invalid duration "${printable(text)}": ${hint}`);
  const [, h = '0', m = '0', s = '0'] = match;
  const ms = Number(h) * UNIT_MS.h + Number(m) * UNIT_MS.m + Number(s) * UNIT_MS.s;
  if (ms <= 0) throw new DurationError(`invalid duration "${text}": must be longer than 0s`);
  if (ms > MAX_MS) throw new DurationError(`invalid duration "${text}": at most 24h`);
  return ms;
}

/** `90000` → `1m30s`; the inverse of parseDuration for messages (sub-second values round). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
