import { parseDurationMs, parseHostPort, type HostProxyConfig } from '../../host/host-proxy-config.js';
import type { ProxyRoute, ProxyTimeouts, UpstreamServer } from '../proxy-kind.js';

/** HAProxy's default `pool-purge-delay`: idle server connections start being closed after this. */
const DEFAULT_IDLE_POOL_MS = 5000;

interface Section {
  type: 'global' | 'defaults' | 'frontend' | 'backend' | 'listen' | 'other';
  name: string;
  line: number;
  directives: { words: string[]; line: number }[];
}

/** Settings that `defaults` sections pass on to the proxies after them. */
interface Inherited {
  timeouts: ProxyTimeouts;
  keepAliveMs?: number;
  reuse: string;
  serverClose: boolean;
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const words = line.split(/\s+/);
    const head = words[0]!;
    if (
      [
        'global',
        'defaults',
        'frontend',
        'backend',
        'listen',
        'resolvers',
        'peers',
        'userlist',
        'cache',
        'program',
      ].includes(head)
    ) {
      const type = (
        ['global', 'defaults', 'frontend', 'backend', 'listen'].includes(head) ? head : 'other'
      ) as Section['type'];
      current = { type, name: words[1] ?? '', line: i + 1, directives: [] };
      sections.push(current);
      return;
    }
    current?.directives.push({ words, line: i + 1 });
  });
  return sections;
}

function applySetting(target: Inherited, words: string[]): void {
  const [head, a, b] = words;
  if (head === 'timeout' && a && b) {
    const ms = parseDurationMs(b, 'ms');
    if (ms === undefined) return;
    if (a === 'server') target.timeouts.readMs = ms;
    else if (a === 'connect') target.timeouts.connectMs = ms;
    else if (a === 'http-keep-alive') target.keepAliveMs = ms;
  } else if (head === 'http-reuse' && a) {
    target.reuse = a;
  } else if (head === 'option' && (a === 'http-server-close' || a === 'httpclose')) {
    target.serverClose = true;
  } else if (head === 'no' && a === 'option' && (b === 'http-server-close' || b === 'httpclose')) {
    target.serverClose = false;
  }
}

function cloneInherited(i: Inherited): Inherited {
  return { ...i, timeouts: { ...i.timeouts } };
}

/** Host names a frontend sends to each backend (`use_backend be if { hdr(host) -i shop.example }` / acls). */
function hostsByBackend(sections: Section[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const s of sections.filter((x) => x.type === 'frontend' || x.type === 'listen')) {
    const acls = new Map<string, string[]>();
    for (const { words } of s.directives) {
      if (words[0] === 'acl' && words[1] && /^hdr(_beg|_end|_dom)?\(host\)$/i.test(words[2] ?? '')) {
        acls.set(
          words[1],
          words.slice(3).filter((w) => !w.startsWith('-')),
        );
      }
    }
    for (const { words } of s.directives) {
      if (words[0] !== 'use_backend' || !words[1]) continue;
      const cond = words.slice(3);
      const hosts = cond.flatMap((w) => acls.get(w) ?? []);
      const inline = /hdr\(host\)/i.test(cond.join(' '))
        ? cond.filter((w) => /\./.test(w) && !w.includes('('))
        : [];
      map.set(words[1], [...(map.get(words[1]) ?? []), ...hosts, ...inline]);
    }
  }
  return map;
}

/**
 * Parse haproxy.cfg into routes (one per backend / listen section with its servers, timeouts and
 * connection-reuse settings), the bind addresses and the pid file.
 */
export function parseHaproxyConfig(text: string, path = 'haproxy.cfg'): HostProxyConfig {
  const sections = splitSections(text);
  const hosts = hostsByBackend(sections);
  let inherited: Inherited = { timeouts: {}, reuse: 'safe', serverClose: false };
  const routes: ProxyRoute[] = [];
  const listen: UpstreamServer[] = [];
  let pidFile: string | undefined;
  for (const section of sections) {
    if (section.type === 'global') {
      for (const { words } of section.directives) if (words[0] === 'pidfile' && words[1]) pidFile = words[1];
      continue;
    }
    if (section.type === 'defaults') {
      // Each defaults section starts afresh in HAProxy only when named; an anonymous one overrides field by field.
      const next = cloneInherited(inherited);
      for (const { words } of section.directives) applySetting(next, words);
      inherited = next;
      continue;
    }
    if (section.type === 'other') continue;
    const own = cloneInherited(inherited);
    const servers: UpstreamServer[] = [];
    for (const { words } of section.directives) {
      applySetting(own, words);
      if (words[0] === 'bind' && words[1] && section.type !== 'backend') {
        for (const addr of words[1].split(',')) {
          const hp = parseHostPort(addr);
          if (hp.port !== undefined) listen.push({ host: hp.host, port: hp.port });
        }
      }
      if (words[0] === 'server' && words[2] && section.type !== 'frontend') {
        const hp = parseHostPort(words[2]);
        servers.push({ host: hp.host, port: hp.port ?? 80 });
      }
    }
    if (section.type === 'frontend') continue;
    const reuse = !own.serverClose && own.reuse !== 'never';
    const route: ProxyRoute = {
      host: hosts.get(section.name)?.[0] ?? '*',
      path: '/',
      upstream: section.name,
      servers,
      timeouts: own.timeouts,
      upstreamKeepalive: reuse,
      source: `${path}:${section.line}`,
    };
    if (reuse) route.upstreamKeepaliveMs = own.keepAliveMs ?? DEFAULT_IDLE_POOL_MS;
    routes.push(route);
  }
  const config: HostProxyConfig = { kind: 'haproxy', routes, listen, path };
  if (pidFile) config.pidFile = pidFile;
  return config;
}
