import type { SimStore } from '../runtime.js';
import type { LabelSelector, Obj, Pod } from '../controllers/kube-types.js';
import { asObj, selectorMatches } from '../controllers/kube-types.js';
import { T } from '../controllers/resource-types.js';

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyRule {
  from?: PolicyPeer[];
  ports?: { port?: number | string; protocol?: string }[];
}
type NetworkPolicy = Obj<{ podSelector: LabelSelector; policyTypes?: string[]; ingress?: PolicyRule[] }>;

export interface TrafficSource {
  namespace: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
}

function peerMatches(peer: PolicyPeer, dstNamespace: string, src: TrafficSource): boolean {
  if (peer.ipBlock) return false;
  const nsOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, src.namespaceLabels)
    : src.namespace === dstNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, src.podLabels) : true;
  return nsOk && podOk;
}

/**
 * NetworkPolicy semantics for ingress to `pod` on `port`: isolated when any Ingress policy selects it;
 * then allowed only if some rule's peers and ports admit the source.
 */
export function ingressAllowed(
  store: SimStore,
  pod: Pod,
  port: number,
  portName: string | undefined,
  src: TrafficSource,
): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  const policies = store
    .list(T.networkpolicies, ns)
    .map((o) => asObj<NetworkPolicy>(o))
    .filter((p) => {
      const types = p.spec?.policyTypes ?? ['Ingress'];
      return types.includes('Ingress') && selectorMatches(p.spec?.podSelector ?? {}, pod.metadata.labels);
    });
  if (policies.length === 0) return true;
  return policies.some((p) =>
    (p.spec?.ingress ?? []).some((rule) => {
      const portOk =
        !rule.ports?.length ||
        rule.ports.some((rp) => rp.port === undefined || rp.port === port || rp.port === portName);
      const fromOk = !rule.from?.length || rule.from.some((peer) => peerMatches(peer, ns, src));
      return portOk && fromOk;
    }),
  );
}

export function namespaceLabels(store: SimStore, name: string): Record<string, string> {
  const ns = store.get(T.namespaces, undefined, name);
  return {
    'kubernetes.io/metadata.name': name,
    ...((ns?.metadata.labels as Record<string, string> | undefined) ?? {}),
  };
}
