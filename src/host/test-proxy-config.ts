import type { HostProxyId } from './host-proxy-config.js';
import type { ProxyProcess } from './host-snapshot.js';
import { runProgram } from './run-program.js';

/**
 * The proxy's own config test: `nginx -t -c <conf> [-p <prefix>]` or `haproxy -c -f <cfg>`. Its verdict is
 * authoritative for "would a reload or restart work".
 */
export async function testProxyConfig(
  kind: HostProxyId,
  configPath: string,
  prefix?: string,
): Promise<ProxyProcess['configTest']> {
  const args =
    kind === 'nginx'
      ? ['-t', '-q', '-c', configPath, ...(prefix ? ['-p', prefix] : [])]
      : ['-c', '-q', '-f', configPath];
  const r = await runProgram(kind, args, 10_000);
  if (!r.ok && r.missing) return { unavailable: r.reason };
  const output = `${r.stderr}\n${r.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  if (!r.ok && r.exitCode === undefined) return { unavailable: r.reason };
  return { ok: r.ok, output };
}
