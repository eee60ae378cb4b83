import type { ProxyRoute } from '../proxy/proxy-kind.js';

/**
 * The proxy routes that serve `service`: those whose upstream, host or path names it; when none does, every
 * proxied route (a host proxy usually fronts one app, and guessing none would hide the evidence).
 */
export function routesForService(routes: ProxyRoute[], service: string): ProxyRoute[] {
  const s = service.toLowerCase();
  const named = routes.filter(
    (r) =>
      r.upstream.toLowerCase().includes(s) ||
      r.host.toLowerCase().includes(s) ||
      r.path.toLowerCase().includes(s),
  );
  return named.length > 0 ? named : routes;
}
