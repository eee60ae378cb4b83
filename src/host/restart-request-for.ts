import type { HostProxyId } from './host-proxy-config.js';
import { DEFAULT_CONFIG, readConfig } from './load-host-snapshot.js';
import type { RestartProxyRequest } from './restart-proxy.js';

/**
 * The agent's `restart-proxy` request for its own proxy: reload (never restart from a button), verified
 * where the config says the proxy listens. The config path is the agent's `--proxy-config` or the default.
 */
export async function restartRequestFor(
  kind: HostProxyId,
  opts: { proxyConfig?: string; prefix?: string },
): Promise<RestartProxyRequest> {
  const configPath = opts.proxyConfig ?? DEFAULT_CONFIG[kind];
  const config = await readConfig(kind, configPath, opts.prefix).catch(() => undefined);
  return {
    kind,
    configPath,
    mode: 'reload',
    verifyAt: config?.listen ?? [],
    ...(opts.prefix ? { prefix: opts.prefix } : {}),
  };
}
