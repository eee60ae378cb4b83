import { z } from 'zod';
import type { HostDiagnosisOptions } from '../host/load-host-snapshot.js';
import { serviceName } from './diagnose-job.js';

/**
 * How `gw502 agent` diagnoses the services on its host, from its environment (the agent has no per-job
 * flags: jobs come from Slack with only a service name). Unset = the defaults of `gw502 diagnose-host`.
 *
 * | variable | like `diagnose-host` … |
 * |---|---|
 * | GW502_AGENT_PROXY | `--proxy nginx\|haproxy` |
 * | GW502_AGENT_PROXY_CONFIG | `--proxy-config PATH` |
 * | GW502_AGENT_PROXY_LOG | `--proxy-log PATH` |
 * | GW502_AGENT_HEALTH_PATH | `--health-path PATH` |
 * | GW502_AGENT_UPSTREAMS | `--upstream`, per service: `shop=127.0.0.1:8080,api=10.0.0.5:9000` |
 * | GW502_AGENT_UNITS | `--unit`, per service: `shop=shop-web.service` |
 * | GW502_AGENT_CONTAINERS | `--container`, per service: `api=api-1` |
 */
export interface HostAgentOptions {
  proxy?: 'nginx' | 'haproxy';
  proxyConfig?: string;
  proxyLog?: string;
  healthPath?: string;
  upstreams: Record<string, string>;
  units: Record<string, string>;
  containers: Record<string, string>;
}

export class HostAgentOptionsError extends Error {
  override name = 'HostAgentOptionsError';
}

const hostPort = z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'HOST:PORT');

/** `a=x,b=y` → { a: 'x', b: 'y' }; keys are service names, values checked by `value`. */
function perService(variable: string, raw: string | undefined, value: z.ZodString): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const val = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!serviceName.safeParse(key).success)
      throw new HostAgentOptionsError(`${variable}: "${pair}" is not SERVICE=VALUE`);
    const parsed = value.safeParse(val);
    if (!parsed.success)
      throw new HostAgentOptionsError(
        `${variable}: "${pair}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    out[key] = parsed.data;
  }
  return out;
}

const absolutePath = (variable: string) =>
  z.string().startsWith('/', `${variable} must be an absolute path`).optional();

const scalars = z.object({
  GW502_AGENT_PROXY: z.enum(['nginx', 'haproxy'], 'GW502_AGENT_PROXY must be nginx or haproxy').optional(),
  GW502_AGENT_PROXY_CONFIG: absolutePath('GW502_AGENT_PROXY_CONFIG'),
  GW502_AGENT_PROXY_LOG: absolutePath('GW502_AGENT_PROXY_LOG'),
  GW502_AGENT_HEALTH_PATH: z.string().startsWith('/', 'GW502_AGENT_HEALTH_PATH must start with /').optional(),
});

/** Parse once at start: a bad value stops the agent with the variable's name, never mid-job. */
export function parseHostAgentOptions(env: NodeJS.ProcessEnv = process.env): HostAgentOptions {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const s = scalars.safeParse(cleaned);
  if (!s.success) throw new HostAgentOptionsError(s.error.issues[0]?.message ?? 'invalid agent option');
  const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'a unit or container name');
  const units = perService('GW502_AGENT_UNITS', cleaned.GW502_AGENT_UNITS, name);
  const containers = perService('GW502_AGENT_CONTAINERS', cleaned.GW502_AGENT_CONTAINERS, name);
  const both = Object.keys(units).find((k) => k in containers);
  if (both) throw new HostAgentOptionsError(`service "${both}" has both a unit and a container`);
  return {
    proxy: s.data.GW502_AGENT_PROXY,
    proxyConfig: s.data.GW502_AGENT_PROXY_CONFIG,
    proxyLog: s.data.GW502_AGENT_PROXY_LOG,
    healthPath: s.data.GW502_AGENT_HEALTH_PATH,
    upstreams: perService('GW502_AGENT_UPSTREAMS', cleaned.GW502_AGENT_UPSTREAMS, hostPort),
    units,
    containers,
  };
}

/** The `diagnoseHost` options for one service's job on this host. */
export function hostDiagnosisOptionsFor(
  opts: HostAgentOptions,
  service: string,
  hostName: string,
): HostDiagnosisOptions {
  return {
    service,
    hostName,
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
    ...(opts.proxyConfig ? { proxyConfig: opts.proxyConfig } : {}),
    ...(opts.proxyLog ? { proxyLog: opts.proxyLog } : {}),
    ...(opts.healthPath ? { healthPath: opts.healthPath } : {}),
    ...(opts.upstreams[service] ? { upstream: opts.upstreams[service] } : {}),
    ...(opts.units[service] ? { unit: opts.units[service] } : {}),
    ...(opts.containers[service] ? { container: opts.containers[service] } : {}),
  };
}
