import type { ResourceInfo } from './resource-types.js';
import { findByPlural } from './resource-types.js';

/** A request path resolved to the resource it addresses. */
export interface ResourcePath {
  type: ResourceInfo;
  namespace?: string;
  name?: string;
  /** `status`, `scale`, `log`, `proxy`. */
  subresource?: string;
  /** For proxy: the path after `/proxy` (always starting with `/`). */
  rest?: string;
}

/**
 * Resolves `/api/v1/namespaces/shop/pods/x/log`, `/apis/apps/v1/deployments`, `/api/v1/namespaces/shop`…
 * Returns undefined for paths that are not resource paths (discovery and unknown paths).
 */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const segs = pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1] ?? '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1] ?? '';
    version = segs[2] ?? '';
    rest = segs.slice(3);
  } else {
    return undefined;
  }

  let namespace: string | undefined;
  // `/namespaces/<ns>/<plural>…` is a namespaced path unless it addresses the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = findByPlural(group, version, rest[2] ?? '');
    if (inner?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const type = findByPlural(group, version, rest[0] ?? '');
  if (!type) return undefined;
  const out: ResourcePath = { type };
  if (namespace !== undefined) out.namespace = namespace;
  if (rest[1] !== undefined) out.name = rest[1];
  if (rest[2] !== undefined) out.subresource = rest[2];
  if (out.subresource === 'proxy') {
    // Keep the raw remainder (encoding and trailing slash intact) for the proxied request.
    const prefix = (segs[0] === 'api' ? 2 : 3) + (namespace !== undefined ? 2 : 0);
    const rawSegs = pathname.split('/').slice(1);
    const tail = rawSegs.slice(prefix + 3).join('/');
    out.rest = `/${tail}`;
  } else if (rest.length > 3) {
    return undefined;
  }
  return out;
}
