import type { ClassifiedLogLine } from '../proxy-kind.js';
import { compileNginxLogFormat, type CompiledLogFormat } from './compile-nginx-log-format.js';

/** ingress-nginx's default `log-format-upstream`. */
export const INGRESS_NGINX_LOG_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" ' +
  '"$http_user_agent" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] ' +
  '$upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id';

/** nginx's built-in `combined` format. */
export const NGINX_COMBINED_LOG_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

const compiled = new Map<string, CompiledLogFormat>();
function compiledFormat(format: string): CompiledLogFormat {
  let c = compiled.get(format);
  if (!c) {
    c = compileNginxLogFormat(format);
    compiled.set(format, c);
  }
  return c;
}

/** The variables of one access-log line, or undefined when the line does not have that format. */
export function parseNginxAccessFields(
  line: string,
  format: string = INGRESS_NGINX_LOG_FORMAT,
): Record<string, string> | undefined {
  const match = compiledFormat(format).regex.exec(line.trim());
  return match?.groups ? { ...match.groups } : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `15/Jan/2024:10:23:45 +0000` → Date. */
export function parseTimeLocal(value: string): Date | undefined {
  const m = /^(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, d, mon, y, h, mi, s, sign, oh, om] = m;
  const month = MONTHS.indexOf(mon!);
  if (month < 0) return undefined;
  const offsetMin = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  return new Date(
    Date.UTC(Number(y), month, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60_000,
  );
}

const present = (v: string | undefined): v is string => v !== undefined && v !== '' && v !== '-';
const lastOfList = (v: string): string =>
  v
    .split(/, | : /)
    .pop()!
    .trim();

/**
 * Parse one access-log line and classify it when the proxy answered 5xx. Non-5xx lines (and lines of another
 * format) return undefined: they are not failures.
 */
export function parseNginxAccessLine(
  line: string,
  format: string = INGRESS_NGINX_LOG_FORMAT,
): ClassifiedLogLine | undefined {
  const f = parseNginxAccessFields(line, format);
  if (!f || !present(f.status)) return undefined;
  const status = Number(f.status);
  if (status < 500 || status > 599) return undefined;
  const hasUpstream = present(f.upstream_addr);
  const kind: ClassifiedLogLine['kind'] =
    status === 504 ? 'timeout' : status === 503 && !hasUpstream ? 'no-live-upstreams' : 'status-5xx';
  const result: ClassifiedLogLine = { kind, status, raw: line };
  if (present(f.upstream_status)) result.upstreamStatus = f.upstream_status;
  const time = f.time_local
    ? parseTimeLocal(f.time_local)
    : f.time_iso8601
      ? new Date(f.time_iso8601)
      : undefined;
  if (time && !Number.isNaN(time.getTime())) result.time = time;
  if (hasUpstream) result.upstreamAddr = lastOfList(f.upstream_addr!);
  const name = f.proxy_upstream_name ?? f.upstream_name;
  if (present(name)) result.upstreamName = name;
  const host = f.host ?? f.http_host ?? f.server_name;
  if (present(host)) result.host = host;
  const seconds = present(f.upstream_response_time)
    ? Number(lastOfList(f.upstream_response_time))
    : present(f.request_time)
      ? Number(f.request_time)
      : NaN;
  if (Number.isFinite(seconds)) result.upstreamResponseMs = Math.round(seconds * 1000);
  return result;
}
