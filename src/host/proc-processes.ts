import { readdir, readFile } from 'node:fs/promises';
import type { UpstreamServer } from '../proxy/proxy-kind.js';

export interface ProcProcess {
  pid: number;
  comm: string;
  argv: string[];
}

/** Processes named `comm` (nginx, haproxy), read from /proc: no `pgrep`, no shell. */
export async function findProcesses(comm: string, procRoot = '/proc'): Promise<ProcProcess[]> {
  const entries = await readdir(procRoot).catch(() => [] as string[]);
  const out: ProcProcess[] = [];
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (e) => {
        const c = await readFile(`${procRoot}/${e}/comm`, 'utf8').catch(() => '');
        if (c.trim() !== comm) return;
        const cmd = await readFile(`${procRoot}/${e}/cmdline`, 'utf8').catch(() => '');
        // nginx rewrites its title to one string ("nginx: master process nginx -c …"); split it back.
        const argv = cmd
          .split('\0')
          .filter(Boolean)
          .flatMap((a) => (a.includes(' ') ? a.split(/\s+/) : [a]));
        out.push({ pid: Number(e), comm: c.trim(), argv });
      }),
  );
  return out.sort((a, b) => a.pid - b.pid);
}

export async function isAlive(pid: number, procRoot = '/proc'): Promise<string | undefined> {
  const comm = await readFile(`${procRoot}/${pid}/comm`, 'utf8').catch(() => undefined);
  if (comm === undefined) return undefined;
  const stat = await readFile(`${procRoot}/${pid}/stat`, 'utf8').catch(() => '');
  // A zombie is dead for our purposes.
  if (/\) Z /.test(stat)) return undefined;
  return comm.trim();
}

function hexToIpv4(hex: string): string {
  const b = hex.match(/../g)!.map((h) => parseInt(h, 16));
  return [b[3], b[2], b[1], b[0]].join('.');
}

/** Listening TCP sockets from /proc/net/tcp and tcp6 (state 0A). IPv6 addresses are reported as `::`-ish. */
export async function listeningSockets(procRoot = '/proc'): Promise<UpstreamServer[]> {
  const out: UpstreamServer[] = [];
  for (const file of ['tcp', 'tcp6']) {
    const text = await readFile(`${procRoot}/net/${file}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A' || !cols[1]) continue;
      const [addr, port] = cols[1].split(':');
      if (!addr || !port) continue;
      const host =
        file === 'tcp'
          ? hexToIpv4(addr)
          : /^0+$/.test(addr)
            ? '::'
            : /^0{20}FFFF0000/i.test(addr)
              ? hexToIpv4(addr.slice(24))
              : addr === '00000000000000000000000001000000'
                ? '::1'
                : addr;
      out.push({ host, port: parseInt(port, 16) });
    }
  }
  return out;
}

/** Whether something listens where the proxy is configured to (`*` / `0.0.0.0` / `::` match any). */
export function isListening(address: UpstreamServer, sockets: UpstreamServer[]): boolean {
  const any = (h: string): boolean => h === '*' || h === '0.0.0.0' || h === '::';
  return sockets.some(
    (s) =>
      s.port === address.port &&
      (any(address.host) ||
        any(s.host) ||
        s.host === address.host ||
        (address.host === 'localhost' && s.host === '127.0.0.1')),
  );
}
