const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** nginx `$time_local` (the controller runs in UTC): `02/Dec/2026:15:04:05 +0000`. */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** nginx error-log timestamp: `2026/12/02 15:04:05`. */
export function errorLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** klog header used by the controller's own Go logs: `W1202 15:04:05.123456       7 file.go:123] `. */
export function klogPrefix(level: 'I' | 'W' | 'E' | 'F', ms: number, source: string): string {
  const d = new Date(ms);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000       7 ${source}] `;
}

export interface AccessEntry {
  remoteAddr: string;
  at: number;
  method: string;
  uri: string;
  status: number;
  bodyBytes: number;
  referer: string;
  userAgent: string;
  requestLength: number;
  requestTime: number;
  upstreamName: string;
  upstreamAddr: string;
  upstreamResponseLength: string;
  upstreamResponseTime: string;
  upstreamStatus: string;
  reqId: string;
}

/** ingress-nginx's default `log-format-upstream`. */
export function formatAccess(e: AccessEntry): string {
  return (
    `${e.remoteAddr} - - [${timeLocal(e.at)}] "${e.method} ${e.uri} HTTP/1.1" ${e.status} ${e.bodyBytes} ` +
    `"${e.referer}" "${e.userAgent}" ${e.requestLength} ${e.requestTime.toFixed(3)} [${e.upstreamName}] [] ` +
    `${e.upstreamAddr} ${e.upstreamResponseLength} ${e.upstreamResponseTime} ${e.upstreamStatus} ${e.reqId}`
  );
}

export interface ErrorEntry {
  at: number;
  connection: number;
  message: string;
  client: string;
  server: string;
  request: string;
  upstream?: string;
  host: string;
}

/** nginx's error log line (worker 31 of the controller pod's nginx master). */
export function formatError(e: ErrorEntry): string {
  return (
    `${errorLogTime(e.at)} [error] 31#31: *${e.connection} ${e.message}, client: ${e.client}, server: ${e.server}, ` +
    `request: "${e.request}"${e.upstream ? `, upstream: "${e.upstream}"` : ''}, host: "${e.host}"`
  );
}

/** The patterns a consumer parses these lines with (used by tests to prove the format). */
export const ACCESS_LOG_PATTERN =
  /^(\S+) - (\S+) \[([^\]]+)\] "([A-Z]+) (\S+) (HTTP\/[\d.]+)" (\d{3}) (\d+) "([^"]*)" "([^"]*)" (\d+) ([\d.]+) \[([^\]]*)\] \[([^\]]*)\] (\S+(?:, \S+)*) (\S+) (\S+) (\S+) ([0-9a-f]{32})$/;
export const ERROR_LOG_PATTERN =
  /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[(\w+)\] (\d+)#(\d+): \*(\d+) (.+?), client: ([^,]+), server: ([^,]+), request: "([^"]+)"(?:, upstream: "([^"]+)")?, host: "([^"]+)"$/;
