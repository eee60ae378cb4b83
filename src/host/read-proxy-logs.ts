import { open } from 'node:fs/promises';
import { parseNginxAccessFields, parseNginxAccessLine } from '../proxy/nginx-log/parse-nginx-access-line.js';
import { classifyNginxErrorLine } from '../proxy/nginx-log/classify-nginx-error-line.js';
import { classifyHaproxyLogLine } from '../proxy/haproxy/classify-haproxy-log-line.js';
import type { ClassifiedLogLine } from '../proxy/proxy-kind.js';
import type { HostProxyConfig } from './host-proxy-config.js';
import type { ProxyLogSource } from './host-snapshot.js';
import { runProgram } from './run-program.js';

/** Only the end of a log matters for a live incident; reading at most this much keeps big logs cheap. */
const TAIL_BYTES = 2 * 1024 * 1024;

/** The last lines of a file (up to TAIL_BYTES), or the reason it cannot be read. */
export async function tailFile(
  path: string,
  maxBytes = TAIL_BYTES,
): Promise<string[] | { unavailable: string }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { unavailable: code === 'ENOENT' ? `${path} does not exist` : `${path}: ${code ?? String(err)}` };
  }
  try {
    const { size } = await fh.stat();
    const length = Math.min(size, maxBytes);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, size - length);
    const lines = buf.toString('utf8').split('\n');
    if (size > length) lines.shift(); // first line is cut
    return lines.filter((l) => l.trim());
  } finally {
    await fh.close();
  }
}

function source(
  path: string,
  role: ProxyLogSource['role'],
  lines: string[],
  classify: (l: string) => ClassifiedLogLine | undefined,
): ProxyLogSource {
  return { path, role, lines: lines.map(classify).filter((c): c is ClassifiedLogLine => c !== undefined) };
}

/**
 * Read and classify the proxy's logs: nginx's error log plus the access logs its config names (with their
 * formats, so `$upstream_status` is read when logged); HAProxy's log file, or its journal when there is none.
 */
export async function readProxyLogs(
  kind: 'nginx' | 'haproxy',
  config: HostProxyConfig | undefined,
  logArg?: string,
): Promise<ProxyLogSource[]> {
  if (kind === 'haproxy') {
    const path = logArg ?? '/var/log/haproxy.log';
    const lines = await tailFile(path);
    if (!Array.isArray(lines)) {
      if (logArg) return [{ path, role: 'haproxy', lines: [], unavailable: lines.unavailable }];
      const journal = await runProgram('journalctl', [
        '-u',
        'haproxy',
        '-n',
        '2000',
        '-o',
        'cat',
        '--no-pager',
      ]);
      if (journal.ok && journal.stdout.trim())
        return [
          source('journalctl -u haproxy', 'journal', journal.stdout.split('\n'), classifyHaproxyLogLine),
        ];
      return [{ path, role: 'haproxy', lines: [], unavailable: lines.unavailable }];
    }
    return [source(path, 'haproxy', lines, classifyHaproxyLogLine)];
  }
  const out: ProxyLogSource[] = [];
  const errorPath = logArg ?? config?.logFiles?.error?.[0] ?? '/var/log/nginx/error.log';
  const errorLines = await tailFile(errorPath);
  out.push(
    Array.isArray(errorLines)
      ? source(errorPath, 'error', errorLines, classifyNginxErrorLine)
      : { path: errorPath, role: 'error', lines: [], unavailable: errorLines.unavailable },
  );
  const accessLogs = config?.accessLogs?.length ? config.accessLogs : [];
  for (const { path, format } of accessLogs) {
    const lines = await tailFile(path);
    if (!Array.isArray(lines)) {
      out.push({ path, role: 'access', lines: [], unavailable: lines.unavailable });
      continue;
    }
    const s = source(path, 'access', lines, (l) => parseNginxAccessLine(l, format));
    // A request nginx retried on another attempt (`502, 200`) still hit a failing upstream once.
    s.retried = lines.filter((l) => {
      const f = parseNginxAccessFields(l, format);
      const statuses = f?.upstream_status?.split(/, | : /) ?? [];
      return statuses.length > 1 && statuses.slice(0, -1).some((st) => st.startsWith('5'));
    });
    out.push(s);
  }
  return out;
}
