import { access, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { parseHaproxyConfig } from '../proxy/haproxy/parse-haproxy-config.js';
import { parseNginxConfig } from '../proxy/nginx/parse-nginx-config.js';
import { readNginxConfigFiles } from '../proxy/nginx/read-nginx-config-files.js';
import type { ClassifiedLogLine, UpstreamServer } from '../proxy/proxy-kind.js';
import { parseHostPort, type HostProxyConfig, type HostProxyId } from './host-proxy-config.js';
import type { HostSnapshot, ProbeResult, ProxyProcess } from './host-snapshot.js';
import { findProcesses, isAlive, isListening, listeningSockets, type ProcProcess } from './proc-processes.js';
import { probeKeepaliveIdle, probeUpstream } from './probe-upstream.js';
import { readProxyLogs } from './read-proxy-logs.js';
import { readUpstreamHealth } from './read-upstream-health.js';
import { routesForService } from './routes-for-service.js';
import { testProxyConfig } from './test-proxy-config.js';

export interface HostDiagnosisOptions {
  service: string;
  proxy?: HostProxyId;
  proxyConfig?: string;
  proxyLog?: string;
  /** `host:port` where the service really listens. */
  upstream?: string;
  healthPath?: string;
  unit?: string;
  container?: string;
  /** Name reported as the host (default: this machine's hostname). */
  hostName?: string;
  /** Per-probe timeout (default 5 s, like the runbook's curl). */
  probeTimeoutMs?: number;
  /** Longest wait for the upstream's idle keep-alive measurement (default 6 s). */
  keepaliveProbeMaxMs?: number;
}

/** Why a host diagnosis could not run at all (CLI exit 2). */
export class DiagnoseHostError extends Error {
  override name = 'DiagnoseHostError';
}

export const DEFAULT_CONFIG: Record<HostProxyId, string> = {
  nginx: '/etc/nginx/nginx.conf',
  haproxy: '/etc/haproxy/haproxy.cfg',
};

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );
const flag = (argv: string[], f: string): string | undefined => {
  const i = argv.indexOf(f);
  return i >= 0 ? argv[i + 1] : undefined;
};
const configFlag = (kind: HostProxyId): string => (kind === 'nginx' ? '-c' : '-f');

/** nginx blocks use braces (`http {`, `events {`); HAProxy sections are bare keywords at line start. */
function guessKindFromConfig(path: string, text: string): HostProxyId {
  if (/^\s*(http|events|stream)\s*\{/m.test(text)) return 'nginx';
  if (/^(frontend|backend|defaults|global)\b/m.test(text) || /haproxy/i.test(path)) return 'haproxy';
  return 'nginx';
}

/** The master process of a proxy kind serving `configPath` (nginx workers and haproxy children excluded). */
function masterFor(
  kind: HostProxyId,
  procs: ProcProcess[],
  configPath: string | undefined,
): ProcProcess | undefined {
  const masters = kind === 'nginx' ? procs.filter((p) => !p.argv.includes('worker')) : procs;
  if (!configPath) return masters[0];
  return masters.find((p) => {
    const c = flag(p.argv, configFlag(kind));
    return c ? c === configPath : configPath === DEFAULT_CONFIG[kind];
  });
}

export async function readConfig(
  kind: HostProxyId,
  path: string,
  prefix: string | undefined,
): Promise<HostProxyConfig> {
  if (kind === 'haproxy') return parseHaproxyConfig(await readFile(path, 'utf8'), path);
  const files = await readNginxConfigFiles(path);
  return parseNginxConfig({
    files,
    main: path,
    prefix: prefix ?? (path === DEFAULT_CONFIG.nginx ? '/etc/nginx' : undefined),
  });
}

async function readProcess(
  kind: HostProxyId,
  config: HostProxyConfig | undefined,
  master: ProcProcess | undefined,
): Promise<Omit<ProxyProcess, 'configTest'>> {
  let running = false;
  let pid: number | undefined;
  let how = 'no process found in /proc';
  if (config?.pidFile) {
    const text = await readFile(config.pidFile, 'utf8').catch(() => undefined);
    const n = text ? Number(text.trim()) : NaN;
    if (Number.isInteger(n) && n > 0 && (await isAlive(n)) === kind) {
      running = true;
      pid = n;
      how = `pid file ${config.pidFile}`;
    } else {
      how =
        text === undefined
          ? `pid file ${config.pidFile} absent`
          : `pid file ${config.pidFile} names pid ${text.trim()}, which is not a running ${kind}`;
    }
  }
  if (!running && master) {
    running = true;
    pid = master.pid;
    how = `/proc/${master.pid}: ${master.argv.join(' ')}`;
  }
  const sockets = await listeningSockets();
  const listening = (config?.listen ?? []).map((address) => ({
    address,
    listening: isListening(address, sockets),
  }));
  const out: Omit<ProxyProcess, 'configTest'> = { running, how, listening };
  if (pid !== undefined) out.pid = pid;
  return out;
}

function needsKeepaliveProbe(lines: ClassifiedLogLine[]): boolean {
  return lines.some((l) => l.kind === 'prematurely-closed' || l.kind === 'reset');
}

/**
 * Gather everything the host checks look at, once: proxy config, process, config test and logs; the
 * service's unit or container; direct probes of its addresses. Independent sources are read in parallel.
 */
export async function loadHostSnapshot(opts: HostDiagnosisOptions): Promise<HostSnapshot> {
  let upstreamArg: UpstreamServer | undefined;
  if (opts.upstream) {
    const hp = parseHostPort(opts.upstream);
    if (hp.port === undefined || hp.port < 1 || hp.port > 65535 || hp.host === '*') {
      throw new DiagnoseHostError(`--upstream must be HOST:PORT, got "${opts.upstream}"`);
    }
    upstreamArg = { host: hp.host, port: hp.port };
  }
  let configText: string | undefined;
  if (opts.proxyConfig) {
    configText = await readFile(opts.proxyConfig, 'utf8').catch(() => {
      throw new DiagnoseHostError(`cannot read --proxy-config ${opts.proxyConfig}`);
    });
  }
  const [nginxProcs, haproxyProcs] = await Promise.all([findProcesses('nginx'), findProcesses('haproxy')]);
  const procs: Record<HostProxyId, ProcProcess[]> = { nginx: nginxProcs, haproxy: haproxyProcs };

  let kind: HostProxyId | undefined = opts.proxy;
  if (!kind && opts.proxyConfig && configText !== undefined)
    kind = guessKindFromConfig(opts.proxyConfig, configText);
  if (!kind) kind = nginxProcs.length ? 'nginx' : haproxyProcs.length ? 'haproxy' : undefined;
  if (!kind)
    kind = (await exists(DEFAULT_CONFIG.nginx))
      ? 'nginx'
      : (await exists(DEFAULT_CONFIG.haproxy))
        ? 'haproxy'
        : undefined;

  const snapshot: HostSnapshot = {
    service: opts.service,
    host: opts.hostName ?? hostname(),
    healthPath: opts.healthPath ?? '/health',
    routes: [],
    upstreamHealth: { unavailable: 'not read' },
    probes: [],
    logs: [],
  };
  if (upstreamArg) snapshot.upstreamArg = upstreamArg;
  const healthWork = readUpstreamHealth(opts);

  if (kind) {
    snapshot.proxyKind = kind;
    const anyMaster = opts.proxyConfig ? undefined : masterFor(kind, procs[kind], undefined);
    const configPath =
      opts.proxyConfig ?? (anyMaster && flag(anyMaster.argv, configFlag(kind))) ?? DEFAULT_CONFIG[kind];
    snapshot.configPath = configPath;
    const master = masterFor(kind, procs[kind], configPath);
    const prefix = kind === 'nginx' && master ? flag(master.argv, '-p') : undefined;
    try {
      snapshot.config = await readConfig(kind, configPath, prefix);
      snapshot.routes = routesForService(snapshot.config.routes, opts.service);
    } catch (err) {
      snapshot.configError = `${configPath}: ${err instanceof Error ? err.message : String(err)}`;
    }
    const [proc, configTest, logs] = await Promise.all([
      readProcess(kind, snapshot.config, master),
      snapshot.configError
        ? Promise.resolve({ unavailable: snapshot.configError })
        : testProxyConfig(kind, configPath, prefix),
      readProxyLogs(kind, snapshot.config, opts.proxyLog),
    ]);
    snapshot.proxy = { ...proc, configTest };
    snapshot.logs = logs;
  }

  const targets: { target: UpstreamServer; role: ProbeResult['role']; source?: string }[] = [];
  if (upstreamArg) targets.push({ target: upstreamArg, role: 'upstream' });
  for (const r of snapshot.routes) {
    for (const s of r.servers) {
      if (!targets.some((t) => t.target.host === s.host && t.target.port === s.port))
        targets.push({ target: s, role: 'configured', source: r.source });
    }
  }
  const timeout = opts.probeTimeoutMs ?? 5000;
  const [health, probes] = await Promise.all([
    healthWork,
    Promise.all(
      targets.map(async (t) => {
        const p = await probeUpstream(t.target, snapshot.healthPath, t.role, timeout);
        if (t.source) p.source = t.source;
        return p;
      }),
    ),
  ]);
  snapshot.upstreamHealth = health;
  snapshot.probes = probes;

  // Only when the logs show connections closed under the proxy is the (slow) idle measurement worth it.
  const reuseRoute = snapshot.routes.find((r) => r.upstreamKeepalive);
  const answering = probes.find((p) => p.http && 'status' in p.http);
  if (reuseRoute && answering && needsKeepaliveProbe(snapshot.logs.flatMap((l) => l.lines))) {
    const wait = Math.min(reuseRoute.upstreamKeepaliveMs ?? 60_000, opts.keepaliveProbeMaxMs ?? 6000);
    snapshot.keepaliveProbe = await probeKeepaliveIdle(answering.target, snapshot.healthPath, wait);
  }
  return snapshot;
}
