/**
 * One small interface per proxy kind (ingress-nginx, nginx, haproxy; Envoy/Gateway API next):
 * where its config lives → routes, upstreams, timeouts; a log line → a classified 5xx.
 * A new proxy kind is a new folder under src/proxy/ implementing this, plus one registry line.
 */

/** What went wrong between the proxy and its upstream, as the proxy's own log tells it. */
export type UpstreamFailureKind =
  | 'refused' // connect() failed (111: Connection refused) / HAProxy SC
  | 'reset' // recv() failed (104: Connection reset by peer)
  | 'prematurely-closed' // upstream prematurely closed connection / HAProxy SH, SD
  | 'timeout' // upstream timed out (110) / HAProxy sH, sC
  | 'resolve' // host not found / could not be resolved
  | 'no-live-upstreams' // no live upstreams / HAProxy NOSRV, <NOSRV>
  | 'invalid-response' // upstream sent invalid header / HAProxy PH
  | 'status-5xx'; // an access-log line with a 5xx and no more specific reason

export interface ClassifiedLogLine {
  kind: UpstreamFailureKind;
  /** HTTP status the proxy answered with, when the line says it (access logs). */
  status?: number;
  /** Upstream statuses as logged (`502, 200` for a retried request). */
  upstreamStatus?: string;
  /** When it happened, when the line has a timestamp. */
  time?: Date;
  /** `ip:port` of the upstream server, when logged. */
  upstreamAddr?: string;
  /** Upstream name (`shop-checkout-80` in ingress-nginx, backend/server in HAProxy). */
  upstreamName?: string;
  /** Request Host header / server name, when logged. */
  host?: string;
  /** Request duration / upstream response time in ms, when logged (timeouts). */
  upstreamResponseMs?: number;
  raw: string;
}

export interface ProxyTimeouts {
  connectMs?: number;
  readMs?: number;
  sendMs?: number;
}

export interface UpstreamServer {
  host: string;
  port: number;
}

export interface ProxyRoute {
  /** Virtual host / Ingress host, '*' for any. */
  host: string;
  path: string;
  /** Upstream (pool/backend) name. */
  upstream: string;
  servers: UpstreamServer[];
  timeouts: ProxyTimeouts;
  /** Idle keep-alive towards the upstream, ms (nginx upstream keepalive_timeout; HAProxy http-keep-alive). */
  upstreamKeepaliveMs?: number;
  /** Whether upstream connections are reused at all (nginx `keepalive N`, HAProxy http-reuse). */
  upstreamKeepalive?: boolean;
  /** Where this route was read from ("nginx.conf:42", "ingress shop/checkout"). */
  source: string;
}

export interface ProxyConfig {
  routes: ProxyRoute[];
  /** Log files the config names (nginx access_log / error_log). */
  logFiles?: { access?: string[]; error?: string[] };
}

export interface ProxyKind<Source = unknown> {
  id: string;
  /** Read the proxy's configuration from where it lives into routes, upstreams and timeouts. */
  readConfig(source: Source): ProxyConfig;
  /** A log line → a classified upstream failure, or undefined when the line is not one. */
  classifyLogLine(line: string): ClassifiedLogLine | undefined;
}
