import type { ClassifiedLogLine, UpstreamFailureKind } from '../proxy-kind.js';

/**
 * HAProxy HTTP log lines (`option httplog`), with or without a syslog prefix:
 * `127.0.0.1:5432 [10/Oct/2024:12:00:00.123] fe be/srv1 0/0/-1/-1/2 503 217 - - SC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1"`.
 * The termination state (4 chars; first = who ended the session, second = in which phase) is what names the
 * failure; the status code alone does not (HAProxy answers 503 on connect failures, 504 on server timeouts
 * and 502 on aborted or invalid responses).
 */
const HTTP_LOG =
  /(?<client>\S+):\d+ \[(?<date>[^\]]+)\] (?<frontend>\S+) (?<backend>[^\s/]+)\/(?<server>\S+) (?<timers>-?\d+\/-?\d+\/-?\d+\/-?\d+\/\+?-?\d+) (?<status>-?\d+) \+?\d+ \S+ \S+ (?<term>[A-Za-z-]{4}) (?<conns>\d+\/\d+\/\d+\/\d+\/\+?\d+) \d+\/\d+(?: \{[^}]*\})*(?: "(?<request>[^"]*)")?/;

/** Server state changes HAProxy logs on its own: `Server be/s1 is DOWN, reason: Layer4 connection problem…`. */
const SERVER_DOWN = /Server (?<backend>[^\s/]+)\/(?<server>\S+) is (?:DOWN|going DOWN)(?<rest>.*)$/;
const NO_SERVER = /backend (?<backend>\S+) has no server available/i;

export interface HaproxyLogLine {
  frontend: string;
  backend: string;
  server: string;
  status: number;
  /** Four-character termination state, e.g. `SC--`. */
  termination: string;
  /** Tc (connect) and Tr (response) timers in ms; -1 when the phase never completed. */
  connectMs: number;
  responseMs: number;
  /** Total session duration (Ta) in ms. */
  totalMs: number;
  retries: number;
  time?: Date;
  request?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `10/Oct/2024:12:00:00.123` (HAProxy logs local time without an offset; we read it as UTC like nginx's). */
function parseAcceptDate(value: string): Date | undefined {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?/.exec(value);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!);
  if (month < 0) return undefined;
  return new Date(
    Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0)),
  );
}

/** Parse an HTTP log line into its fields, or undefined when the line is not one. */
export function parseHaproxyLogLine(line: string): HaproxyLogLine | undefined {
  const g = HTTP_LOG.exec(line)?.groups;
  if (!g) return undefined;
  const timers = g.timers!.split('/').map((t) => Number(t.replace('+', '')));
  const conns = g.conns!.split('/');
  const parsed: HaproxyLogLine = {
    frontend: g.frontend!,
    backend: g.backend!,
    server: g.server!,
    status: Number(g.status),
    termination: g.term!,
    connectMs: timers[2] ?? -1,
    responseMs: timers[3] ?? -1,
    totalMs: timers[4] ?? -1,
    retries: Number((conns[4] ?? '0').replace('+', '')),
  };
  const time = parseAcceptDate(g.date!);
  if (time) parsed.time = time;
  if (g.request !== undefined) parsed.request = g.request;
  return parsed;
}

/**
 * Termination state → failure kind. First char: S = the server aborted or refused, s = server-side
 * timeout, P = the proxy rejected the server's answer. Second char: C = connecting, H = waiting for
 * headers, D = data phase.
 */
function kindOfTermination(state: string): UpstreamFailureKind | undefined {
  const code = state.slice(0, 2);
  switch (code) {
    case 'SC':
      return 'refused';
    case 'sC':
    case 'sH':
    case 'sD':
      return 'timeout';
    case 'SH':
    case 'SD':
      return 'prematurely-closed';
    case 'PH':
    case 'PD':
      return 'invalid-response';
    default:
      return undefined;
  }
}

function kindOfServerDown(rest: string): UpstreamFailureKind {
  if (/DNS|resol/i.test(rest)) return 'resolve';
  if (/refused/i.test(rest)) return 'refused';
  if (/timeout/i.test(rest)) return 'timeout';
  if (/reset/i.test(rest)) return 'reset';
  return 'no-live-upstreams';
}

/**
 * Classify one HAProxy log line as an upstream failure, or undefined when it is not one. Client-side
 * terminations (`CD`, `CH`, `cD`) are the client's doing, never the upstream's, even with a 5xx status.
 */
export function classifyHaproxyLogLine(line: string): ClassifiedLogLine | undefined {
  const parsed = parseHaproxyLogLine(line);
  if (parsed) {
    const upstreamName = `${parsed.backend}/${parsed.server}`;
    let kind: UpstreamFailureKind | undefined;
    if (parsed.server === '<NOSRV>' && parsed.status === 503) kind = 'no-live-upstreams';
    else if (/^[Cc]/.test(parsed.termination)) kind = undefined;
    else kind = kindOfTermination(parsed.termination);
    if (!kind && parsed.status >= 500 && !/^[Cc]/.test(parsed.termination)) kind = 'status-5xx';
    if (!kind) return undefined;
    const result: ClassifiedLogLine = { kind, status: parsed.status, upstreamName, raw: line };
    if (parsed.time) result.time = parsed.time;
    if (parsed.totalMs >= 0) result.upstreamResponseMs = parsed.totalMs;
    return result;
  }
  const down = SERVER_DOWN.exec(line)?.groups;
  if (down) {
    return {
      kind: kindOfServerDown(down.rest ?? ''),
      upstreamName: `${down.backend}/${down.server}`,
      raw: line,
    };
  }
  const none = NO_SERVER.exec(line)?.groups;
  if (none) return { kind: 'no-live-upstreams', upstreamName: none.backend!, raw: line };
  return undefined;
}
