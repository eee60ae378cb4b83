import type { ClusterSnapshot } from '../k8s/snapshot.js';
import { backendUpstreamName } from '../proxy/ingress-nginx/read-ingress-nginx-config.js';
import { classifyIngressNginxLine } from '../proxy/ingress-nginx/ingress-nginx-kind.js';
import { parseNginxAccessFields } from '../proxy/nginx-log/parse-nginx-access-line.js';
import type { ClassifiedLogLine } from '../proxy/proxy-kind.js';
import { appPods, findAppIngresses, findAppServices } from './app-objects.js';
import { podIps, podStartedAt } from './pod-facts.js';

export interface AttributedLine {
  line: ClassifiedLogLine;
  /** How we know the line is about this app: pod IP is certain; upstream name and host are by route. */
  by: 'pod-ip' | 'upstream-name' | 'host';
  /** Attributed by name/host only and older than the newest app pod: from pods that no longer exist. */
  beforeCurrentPods: boolean;
}

export interface ProxyLogFacts {
  /** The app's failure lines. */
  failures: AttributedLine[];
  /** The app's access-log lines that were not 5xx (keep-alive resets "among 200s"). */
  successes: number;
  /** Upstream names ingress-nginx gives the app's Services (`shop-checkout-80`). */
  upstreamNames: Set<string>;
  hosts: Set<string>;
  ips: Set<string>;
}

const hostOf = (addr: string | undefined): string | undefined =>
  addr?.startsWith('[') ? addr.slice(1, addr.indexOf(']')) : addr?.split(':')[0];

/** Upstream names ingress-nginx builds for the app: `<ns>-<svc>-<port>` by port number and by name. */
export function appUpstreamNames(s: ClusterSnapshot): Set<string> {
  const names = new Set<string>();
  for (const { service } of findAppServices(s)) {
    const svc = service.metadata?.name;
    for (const p of service.spec?.ports ?? []) {
      names.add(`${s.namespace}-${svc}-${p.port}`);
      if (p.name) names.add(`${s.namespace}-${svc}-${p.name}`);
    }
  }
  for (const ing of findAppIngresses(s)) {
    for (const rule of ing.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? []) {
        const n = backendUpstreamName(s.namespace, p.backend);
        if (n) names.add(n);
      }
  }
  return names;
}

/**
 * Classify the controller's log and keep the lines about this app: by the app's pod IPs in
 * `upstream: "http://IP:PORT/"` / `$upstream_addr`, by upstream name, or by Ingress host.
 * Undefined when the log could not be read.
 */
export function proxyLogFacts(s: ClusterSnapshot): ProxyLogFacts | undefined {
  // Several checks read the same facts; the controller log can hold thousands of lines, so parse it once.
  if (factsCache.has(s)) return factsCache.get(s);
  const facts = computeProxyLogFacts(s);
  factsCache.set(s, facts);
  return facts;
}

const factsCache = new WeakMap<ClusterSnapshot, ProxyLogFacts | undefined>();

function computeProxyLogFacts(s: ClusterSnapshot): ProxyLogFacts | undefined {
  if (!s.proxy.logs.ok) return undefined;
  const pods = appPods(s);
  const ips = new Set(pods.flatMap(podIps));
  const upstreamNames = appUpstreamNames(s);
  const hosts = new Set(
    findAppIngresses(s).flatMap((i) =>
      (i.spec?.rules ?? []).map((r) => r.host).filter((h): h is string => Boolean(h)),
    ),
  );
  // A `resolve` line names the host nginx looked up: the Service's DNS name or an ExternalName target.
  const dnsNames = findAppServices(s).flatMap(({ service }) => [
    `${service.metadata?.name}.${s.namespace}`,
    ...(service.spec?.externalName ? [service.spec.externalName] : []),
  ]);
  const isAppDnsName = (name: string | undefined): boolean =>
    name !== undefined &&
    dnsNames.some((d) => name === d || name.startsWith(`${d}.`) || name.split(':')[0] === d);
  const newestStart = Math.max(0, ...pods.map((p) => podStartedAt(p)?.getTime() ?? 0));
  const failures: AttributedLine[] = [];
  let successes = 0;
  // The controller logs every app: a line can only be attributed if it names one of these, so skip the
  // rest before any regex work.
  const needles = [...ips, ...upstreamNames, ...hosts, ...dnsNames].filter((n) => n.length > 0);
  for (const raw of s.proxy.logs.value) {
    if (!needles.some((n) => raw.includes(n))) continue;
    const line = classifyIngressNginxLine(raw);
    if (!line) {
      const fields = parseNginxAccessFields(raw);
      if (fields && upstreamNames.has(fields.proxy_upstream_name ?? '')) successes += 1;
      continue;
    }
    const ip = hostOf(line.upstreamAddr);
    const by: AttributedLine['by'] | undefined =
      ip && ips.has(ip)
        ? 'pod-ip'
        : line.upstreamName && (upstreamNames.has(line.upstreamName) || isAppDnsName(line.upstreamName))
          ? 'upstream-name'
          : !line.upstreamAddr && line.host && hosts.has(line.host)
            ? 'host'
            : undefined;
    if (!by) continue;
    const beforeCurrentPods = by !== 'pod-ip' && line.time !== undefined && line.time.getTime() < newestStart;
    failures.push({ line, by, beforeCurrentPods });
  }
  return { failures, successes, upstreamNames, hosts, ips };
}

/** Lines that speak about the current pods (not from before the last rollout). */
export const current = (lines: AttributedLine[]): AttributedLine[] =>
  lines.filter((l) => !l.beforeCurrentPods);
