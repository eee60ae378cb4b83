import { ingressNginxKind } from './ingress-nginx/ingress-nginx-kind.js';
import type { ProxyKind } from './proxy-kind.js';

/** Every proxy kind by id; a new kind is one folder and one line here. */
export const proxyKinds: Record<string, ProxyKind<never>> = {
  [ingressNginxKind.id]: ingressNginxKind,
};

export function proxyKind(id: string): ProxyKind<never> | undefined {
  return proxyKinds[id];
}
