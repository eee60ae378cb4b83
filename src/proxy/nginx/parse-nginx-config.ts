import { isAbsolute, join } from 'node:path';
import {
  parseDurationMs,
  parseHostPort,
  type AccessLogSpec,
  type HostProxyConfig,
} from '../../host/host-proxy-config.js';
import type { ProxyRoute, ProxyTimeouts, UpstreamServer } from '../proxy-kind.js';
import {
  expandIncludes,
  parseNginxConfigTree,
  splitNginxDump,
  type NginxDirective,
} from './nginx-config-tree.js';

/** nginx's built-in `combined` format, used by `access_log path;` without a format name. */
const COMBINED =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
/** nginx defaults when a directive is absent (proxy_*_timeout 60s; upstream keepalive_timeout 60s). */
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_UPSTREAM_KEEPALIVE_MS = 60_000;

export interface NginxConfigSource {
  /** File path → text; or one `nginx -T` dump under the main path. */
  files: Map<string, string>;
  main: string;
  /** nginx prefix (`-p`): relative pid/log paths resolve against it. Default: the main file's folder. */
  prefix?: string;
}

interface Upstream {
  servers: UpstreamServer[];
  keepalive: boolean;
  keepaliveMs: number;
}

/** Settings inherited from http → server → location. */
interface Scope {
  timeouts: Required<ProxyTimeouts>;
  httpVersion: string;
}

const args = (block: NginxDirective[] | undefined, name: string): string[][] =>
  (block ?? []).filter((d) => d.name === name).map((d) => d.args);

function scopeOf(block: NginxDirective[], parent: Scope): Scope {
  const scope: Scope = { timeouts: { ...parent.timeouts }, httpVersion: parent.httpVersion };
  for (const d of block) {
    const ms = d.args[0] ? parseDurationMs(d.args[0], 's') : undefined;
    if (d.name === 'proxy_read_timeout' && ms !== undefined) scope.timeouts.readMs = ms;
    if (d.name === 'proxy_connect_timeout' && ms !== undefined) scope.timeouts.connectMs = ms;
    if (d.name === 'proxy_send_timeout' && ms !== undefined) scope.timeouts.sendMs = ms;
    if (d.name === 'proxy_http_version' && d.args[0]) scope.httpVersion = d.args[0];
  }
  return scope;
}

function readUpstreams(http: NginxDirective[]): Map<string, Upstream> {
  const map = new Map<string, Upstream>();
  for (const d of http.filter((x) => x.name === 'upstream' && x.args[0])) {
    const servers = args(d.block, 'server').flatMap((a) => {
      if (!a[0] || a[0].startsWith('unix:')) return [];
      const hp = parseHostPort(a[0]);
      return [{ host: hp.host, port: hp.port ?? 80 }];
    });
    const keepalive = args(d.block, 'keepalive').length > 0;
    const timeout = args(d.block, 'keepalive_timeout')[0]?.[0];
    map.set(d.args[0]!, {
      servers,
      keepalive,
      keepaliveMs: (timeout ? parseDurationMs(timeout, 's') : undefined) ?? DEFAULT_UPSTREAM_KEEPALIVE_MS,
    });
  }
  return map;
}

/** `http://checkout/api` → upstream `checkout`, or a literal `host:port`. */
function proxyPassTarget(url: string): { name: string; literal?: UpstreamServer } {
  const hostPort = /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1] ?? url;
  const hp = parseHostPort(hostPort);
  const https = url.toLowerCase().startsWith('https:');
  return {
    name: hostPort,
    literal: hostPort.includes('$') ? undefined : { host: hp.host, port: hp.port ?? (https ? 443 : 80) },
  };
}

function collectLocations(
  block: NginxDirective[],
  scope: Scope,
  visit: (loc: NginxDirective, path: string, scope: Scope) => void,
): void {
  for (const loc of block.filter((d) => d.name === 'location')) {
    const path = loc.args[loc.args.length - 1] ?? '/';
    const inner = scopeOf(loc.block ?? [], scope);
    visit(loc, path, inner);
    collectLocations(loc.block ?? [], inner, visit);
  }
}

/**
 * Parse nginx.conf (with its includes) or `nginx -T` output into routes (one per proxy_pass location),
 * the listen addresses, pid file, error logs and access logs with their formats.
 */
export function parseNginxConfig(source: NginxConfigSource): HostProxyConfig {
  const mainDir = source.main.replace(/\/[^/]*$/, '') || '/';
  const prefix = source.prefix ?? mainDir;
  const resolve = (p: string): string => (isAbsolute(p) ? p : join(prefix, p));
  const resolveInclude = (p: string): string => (isAbsolute(p) ? p : join(mainDir, p));

  let files = source.files;
  const only = files.size === 1 ? [...files.values()][0] : undefined;
  const dump = only !== undefined ? splitNginxDump(only) : undefined;
  let main = source.main;
  if (dump) {
    files = dump;
    main = [...dump.keys()][0]!;
  }
  const trees = new Map<string, NginxDirective[]>();
  for (const [path, text] of files) trees.set(path, parseNginxConfigTree(text, path));
  const root = expandIncludes(trees.get(main) ?? [], trees, resolveInclude);

  const http = root.find((d) => d.name === 'http')?.block ?? [];
  const upstreams = readUpstreams(http);
  const formats = new Map<string, string>([['combined', COMBINED]]);
  for (const a of args(http, 'log_format')) {
    const [name, ...rest] = a;
    if (name) formats.set(name, rest.filter((r) => !r.startsWith('escape=')).join(''));
  }

  const errorLogs = new Set<string>();
  const accessLogs: AccessLogSpec[] = [];
  const noteLogs = (block: NginxDirective[]): void => {
    for (const a of args(block, 'error_log')) {
      if (a[0] && a[0] !== 'stderr' && !a[0].startsWith('syslog:') && !a[0].startsWith('memory:'))
        errorLogs.add(resolve(a[0]));
    }
    for (const a of args(block, 'access_log')) {
      if (!a[0] || a[0] === 'off' || a[0].startsWith('syslog:')) continue;
      const path = resolve(a[0]);
      if (!accessLogs.some((l) => l.path === path))
        accessLogs.push({ path, format: formats.get(a[1] ?? 'combined') ?? COMBINED });
    }
  };
  noteLogs(root);
  noteLogs(http);

  const base = scopeOf(http, {
    timeouts: { connectMs: DEFAULT_TIMEOUT_MS, readMs: DEFAULT_TIMEOUT_MS, sendMs: DEFAULT_TIMEOUT_MS },
    httpVersion: '1.0',
  });
  const routes: ProxyRoute[] = [];
  const listen: UpstreamServer[] = [];
  for (const server of http.filter((d) => d.name === 'server')) {
    const block = server.block ?? [];
    noteLogs(block);
    for (const a of args(block, 'listen')) {
      if (!a[0] || a[0].startsWith('unix:')) continue;
      const hp = parseHostPort(a[0]);
      listen.push({ host: hp.host, port: hp.port ?? 80 });
    }
    const names = (args(block, 'server_name')[0] ?? []).filter((n) => n !== '_' && n !== '');
    const serverScope = scopeOf(block, base);
    collectLocations(block, serverScope, (loc, path, scope) => {
      noteLogs(loc.block ?? []);
      const pass = args(loc.block, 'proxy_pass')[0]?.[0];
      if (!pass) return;
      const target = proxyPassTarget(pass);
      const upstream = upstreams.get(target.name);
      const servers = upstream?.servers ?? (target.literal ? [target.literal] : []);
      const reuse = upstream !== undefined && upstream.keepalive && scope.httpVersion === '1.1';
      const route: ProxyRoute = {
        host: names[0] ?? '*',
        path,
        upstream: target.name,
        servers,
        timeouts: { ...scope.timeouts },
        upstreamKeepalive: reuse,
        source: `${loc.file}:${loc.line}`,
      };
      if (reuse) route.upstreamKeepaliveMs = upstream.keepaliveMs;
      routes.push(route);
    });
  }
  const pid = args(root, 'pid')[0]?.[0];
  const config: HostProxyConfig = {
    kind: 'nginx',
    routes,
    listen,
    path: main,
    logFiles: { error: [...errorLogs], access: accessLogs.map((l) => l.path) },
    accessLogs,
  };
  if (pid) config.pidFile = resolve(pid);
  return config;
}
