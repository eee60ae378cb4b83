import type { ProxyConfig, UpstreamServer } from '../proxy/proxy-kind.js';

export type HostProxyId = 'nginx' | 'haproxy';

/** A host proxy's parsed configuration: the shared routes/upstreams shape plus what the host checks need. */
export interface HostProxyConfig extends ProxyConfig {
  kind: HostProxyId;
  /** Addresses the proxy listens on (nginx `listen`, HAProxy `bind`); host '*' = any address. */
  listen: UpstreamServer[];
  /** Pid file the config names (nginx `pid`; HAProxy `pidfile`). */
  pidFile?: string;
  /** Where the config was read from. */
  path?: string;
  /** nginx: access logs with their formats, so `$upstream_status` can be read from them. */
  accessLogs?: AccessLogSpec[];
}

/** `5s`, `500ms`, `1m` → ms. nginx defaults to seconds, HAProxy to milliseconds. */
export function parseDurationMs(value: string, defaultUnit: 's' | 'ms'): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(us|ms|s|m|h|d)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? defaultUnit;
  const factor: Record<string, number> = {
    us: 0.001,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
  };
  return Math.round(n * (factor[unit] ?? 1));
}

/** `127.0.0.1:80`, `[::1]:80`, `*:80`, `:80`, `80`, `name` → host/port (port undefined when absent). */
export function parseHostPort(value: string): { host: string; port?: number } {
  const v = value.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(v);
  if (bracket) return bracket[2] ? { host: bracket[1]!, port: Number(bracket[2]) } : { host: bracket[1]! };
  if (/^\d+$/.test(v)) return { host: '*', port: Number(v) };
  const idx = v.lastIndexOf(':');
  if (idx >= 0 && /^\d+$/.test(v.slice(idx + 1))) {
    const host = v.slice(0, idx);
    return {
      host: host === '' || host === '*' || host === '0.0.0.0' ? '*' : host,
      port: Number(v.slice(idx + 1)),
    };
  }
  return { host: v };
}

/** An access log the config names, with the `log_format` text it is written in. */
export interface AccessLogSpec {
  path: string;
  format: string;
}
