import type { LogRequest } from '../runtime.js';

export interface LogLine {
  at: number;
  text: string;
}

export class LogError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** RFC 3339 with nanoseconds, as the kubelet prefixes lines for `timestamps=true`. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Order, then apply sinceSeconds / tailLines / timestamps like the kubelet does. */
export function finishLogs(lines: LogLine[], req: LogRequest, now: number): string[] {
  let out = [...lines].filter((l) => l.at <= now).sort((a, b) => a.at - b.at);
  if (req.sinceSeconds !== undefined) out = out.filter((l) => l.at >= now - req.sinceSeconds! * 1000);
  if (req.tailLines !== undefined) out = req.tailLines <= 0 ? [] : out.slice(-req.tailLines);
  return out.map((l) => (req.timestamps ? `${rfc3339Nano(l.at)} ${l.text}` : l.text));
}
