import type { ClassifiedLogLine, ProxyRoute, UpstreamServer } from '../proxy/proxy-kind.js';
import type { HostProxyConfig, HostProxyId } from './host-proxy-config.js';

/** Why a source could not be read here: a check built on it is `skipped`, never failed. */
export interface Unavailable {
  unavailable: string;
}

export interface SystemdUnitState {
  kind: 'systemd';
  unit: string;
  loadState?: string;
  activeState?: string;
  subState?: string;
  result?: string;
  restarts?: number;
  execMainStatus?: number;
  /** Last journal lines, oldest first, `time message`. */
  journal: string[];
}

export interface ContainerState {
  kind: 'container';
  name: string;
  runtime: 'docker' | 'podman';
  status?: string;
  running?: boolean;
  restarting?: boolean;
  exitCode?: number;
  oomKilled?: boolean;
  restartCount?: number;
  error?: string;
  startedAt?: string;
  finishedAt?: string;
  logs: string[];
}

export type UpstreamHealth = SystemdUnitState | ContainerState | Unavailable;

/** One direct probe of an upstream address, like the runbook's `curl -v --connect-timeout 5 …/health`. */
export interface ProbeResult {
  /** `upstream` = the `--upstream` address; `configured` = a server the proxy config sends the service to. */
  role: 'upstream' | 'configured';
  target: UpstreamServer;
  tcp: 'ok' | 'refused' | 'timeout' | 'unresolvable' | 'error';
  tcpDetail?: string;
  http?: { status: number; ms: number } | { error: string; ms: number };
  /** Where the configured server comes from (`nginx.conf:12`). */
  source?: string;
}

/** How long the upstream keeps an idle keep-alive connection, measured from here. */
export interface KeepaliveProbe {
  target: UpstreamServer;
  /** The upstream closed the idle connection after this many ms. */
  closedAfterMs?: number;
  /** A second request on the same connection after `waitedMs` got an answer (true) or was dropped (false). */
  reusedAnswered?: boolean;
  waitedMs: number;
}

export interface ProxyProcess {
  running: boolean;
  pid?: number;
  /** How the process was found (`pid file /run/nginx.pid`, `/proc scan`). */
  how: string;
  listening: { address: UpstreamServer; listening: boolean }[];
  /** `nginx -t` / `haproxy -c` result. */
  configTest: { ok: boolean; output: string } | Unavailable;
}

export interface ProxyLogSource {
  path: string;
  role: 'error' | 'access' | 'haproxy' | 'journal';
  lines: ClassifiedLogLine[];
  /** Access-log lines answered after a retry (`$upstream_status` like `502, 200`). */
  retried?: string[];
  unavailable?: string;
}

export interface HostSnapshot {
  service: string;
  host: string;
  healthPath: string;
  proxyKind?: HostProxyId;
  configPath?: string;
  config?: HostProxyConfig;
  configError?: string;
  /** Routes that serve the service (all proxied routes when none is named like it). */
  routes: ProxyRoute[];
  upstreamArg?: UpstreamServer;
  upstreamHealth: UpstreamHealth;
  probes: ProbeResult[];
  keepaliveProbe?: KeepaliveProbe;
  proxy?: ProxyProcess;
  logs: ProxyLogSource[];
}

export const isUnavailable = (v: object): v is Unavailable => 'unavailable' in v;
