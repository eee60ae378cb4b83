import type { KubeObject } from '../scenario.js';
import { namespace, withIngressNginx } from '../builders.js';

/** The common base of a scenario: ingress-nginx plus the shop's namespace. */
export function shopBase(ns: string, proxy: Parameters<typeof withIngressNginx>[0] = {}): KubeObject[] {
  return [...withIngressNginx(proxy), namespace(ns, { team: 'shop' })];
}
