import type { ClassifiedLogLine, UpstreamFailureKind } from '../proxy-kind.js';

/**
 * nginx error-log messages about upstreams, most specific first. The errno text differs between libcs
 * and nginx versions, so we match the stable part of each message.
 */
const MESSAGE_KINDS: { pattern: RegExp; kind: UpstreamFailureKind }[] = [
  { pattern: /\bconnect\(\) failed \(111: Connection refused\)|\bConnection refused\b/i, kind: 'refused' },
  { pattern: /\(104: Connection reset by peer\)|\bConnection reset by peer\b/i, kind: 'reset' },
  { pattern: /upstream prematurely closed connection/i, kind: 'prematurely-closed' },
  { pattern: /upstream timed out|\(110: (?:Connection|Operation) timed out\)/i, kind: 'timeout' },
  { pattern: /could not be resolved|host not found in upstream|no resolver defined/i, kind: 'resolve' },
  { pattern: /no live upstreams/i, kind: 'no-live-upstreams' },
  {
    pattern: /upstream sent (?:invalid|too big|no valid|duplicate)[^,]*|upstream sent unexpected/i,
    kind: 'invalid-response',
  },
];

/** `2024/01/15 10:23:45 [error] 31#31: *1234 message, client: …` (nginx writes local time; we read UTC). */
const ERROR_LINE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*)$/;

/** The addresses nginx logs for balancer-by-lua upstreams; they name nothing useful. */
const PLACEHOLDER_UPSTREAMS = new Set(['upstream_balancer']);

function field(message: string, name: string): string | undefined {
  const quoted = new RegExp(`, ${name}: "([^"]*)"`).exec(message);
  if (quoted) return quoted[1];
  const bare = new RegExp(`, ${name}: ([^,]+)`).exec(message);
  return bare?.[1]?.trim();
}

function upstreamParts(url: string | undefined): { addr?: string; name?: string } {
  if (!url) return {};
  const hostPort = /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1];
  if (!hostPort) return {};
  if (/^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/.test(hostPort) || hostPort.startsWith('['))
    return { addr: hostPort };
  return PLACEHOLDER_UPSTREAMS.has(hostPort) ? {} : { name: hostPort };
}

/** The name nginx failed to resolve (`checkout.shop.svc could not be resolved`, `host not found in upstream "x:80"`). */
function unresolvedName(message: string): string | undefined {
  return (
    /^(\S+) could not be resolved/.exec(message)?.[1] ??
    /host not found in upstream "([^"]+)"/.exec(message)?.[1] ??
    undefined
  );
}

/**
 * Classify one nginx (or ingress-nginx controller) error-log line. Returns undefined for lines that are not
 * about an upstream failure (klog lines, access lines, notices).
 */
export function classifyNginxErrorLine(line: string): ClassifiedLogLine | undefined {
  const match = ERROR_LINE.exec(line.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, , message = ''] = match;
  const kind = MESSAGE_KINDS.find((k) => k.pattern.test(message))?.kind;
  if (!kind) return undefined;
  const upstream = upstreamParts(field(message, 'upstream'));
  const result: ClassifiedLogLine = {
    kind,
    time: new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))),
    raw: line,
  };
  if (upstream.addr) result.upstreamAddr = upstream.addr;
  const name = kind === 'resolve' ? (unresolvedName(message) ?? upstream.name) : upstream.name;
  if (name) result.upstreamName = name;
  const host = field(message, 'host') ?? field(message, 'server');
  if (host && host !== '_') result.host = host;
  return result;
}
