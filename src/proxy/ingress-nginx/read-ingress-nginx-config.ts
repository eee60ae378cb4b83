import type { V1ConfigMap, V1EndpointSlice, V1Ingress, V1IngressBackend } from '@kubernetes/client-node';
import type { ProxyConfig, ProxyRoute, ProxyTimeouts, UpstreamServer } from '../proxy-kind.js';

/** Where ingress-nginx's routing lives: the Ingress objects, the controller ConfigMap, the EndpointSlices. */
export interface IngressNginxSource {
  ingresses: V1Ingress[];
  configMap?: V1ConfigMap;
  endpointSlices?: V1EndpointSlice[];
}

/** ingress-nginx defaults (seconds) when neither annotation nor ConfigMap says otherwise. */
export const INGRESS_NGINX_DEFAULTS = {
  connect: 5,
  read: 60,
  send: 60,
  keepaliveTimeout: 60,
  keepaliveConns: 320,
};

const ANNOTATION = 'nginx.ingress.kubernetes.io/';

/** ingress-nginx timeouts are plain seconds; tolerate `60s`/`2m` written by hand. */
export function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return unit === 'ms' ? n / 1000 : unit === 'm' ? n * 60 : unit === 'h' ? n * 3600 : n;
}

export function backendUpstreamName(
  namespace: string,
  backend: V1IngressBackend | undefined,
): string | undefined {
  const svc = backend?.service;
  if (!svc) return undefined;
  const port = svc.port?.number ?? svc.port?.name;
  return port === undefined ? undefined : `${namespace}-${svc.name}-${port}`;
}

/** Effective timeouts of one Ingress: its annotations over the ConfigMap over the defaults. */
export function ingressTimeouts(ingress: V1Ingress, configMap: V1ConfigMap | undefined): ProxyTimeouts {
  const a = ingress.metadata?.annotations ?? {};
  const cm = configMap?.data ?? {};
  const pick = (key: string, dflt: number): number =>
    (parseSeconds(a[`${ANNOTATION}${key}`]) ?? parseSeconds(cm[key]) ?? dflt) * 1000;
  return {
    connectMs: pick('proxy-connect-timeout', INGRESS_NGINX_DEFAULTS.connect),
    readMs: pick('proxy-read-timeout', INGRESS_NGINX_DEFAULTS.read),
    sendMs: pick('proxy-send-timeout', INGRESS_NGINX_DEFAULTS.send),
  };
}

function readyServers(slices: V1EndpointSlice[], namespace: string, service: string): UpstreamServer[] {
  const servers: UpstreamServer[] = [];
  for (const slice of slices) {
    if (slice.metadata?.namespace && slice.metadata.namespace !== namespace) continue;
    if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== service) continue;
    const port = slice.ports?.[0]?.port;
    if (port === undefined || port === null) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      for (const host of ep.addresses) servers.push({ host, port });
    }
  }
  return servers;
}

/** Ingress objects + ConfigMap → the routes ingress-nginx builds (one per rule path and default backend). */
export function readIngressNginxConfig(source: IngressNginxSource): ProxyConfig {
  const cm = source.configMap?.data ?? {};
  const keepaliveConns = Number(
    cm['upstream-keepalive-connections'] ?? INGRESS_NGINX_DEFAULTS.keepaliveConns,
  );
  const keepaliveS =
    parseSeconds(cm['upstream-keepalive-timeout']) ?? INGRESS_NGINX_DEFAULTS.keepaliveTimeout;
  const routes: ProxyRoute[] = [];
  for (const ingress of source.ingresses) {
    const ns = ingress.metadata?.namespace ?? 'default';
    const timeouts = ingressTimeouts(ingress, source.configMap);
    const add = (host: string, path: string, backend: V1IngressBackend | undefined): void => {
      const upstream = backendUpstreamName(ns, backend);
      if (!upstream || !backend?.service) return;
      routes.push({
        host,
        path,
        upstream,
        servers: readyServers(source.endpointSlices ?? [], ns, backend.service.name),
        timeouts,
        upstreamKeepalive: keepaliveConns > 0,
        upstreamKeepaliveMs: keepaliveS * 1000,
        source: `ingress ${ns}/${ingress.metadata?.name ?? '?'}`,
      });
    };
    for (const rule of ingress.spec?.rules ?? []) {
      for (const p of rule.http?.paths ?? []) add(rule.host ?? '*', p.path ?? '/', p.backend);
    }
    if (ingress.spec?.defaultBackend) add('*', '/', ingress.spec.defaultBackend);
  }
  return { routes };
}
