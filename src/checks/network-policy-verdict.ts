import type { V1NetworkPolicy, V1NetworkPolicyPeer, V1NetworkPolicyPort } from '@kubernetes/client-node';
import { ipInCidr } from './ip-in-cidr.js';
import { matchesLabelSelector } from '../k8s/label-selector.js';

type Rule = NonNullable<NonNullable<V1NetworkPolicy['spec']>['ingress']>[number];
/** The client names the field `_from`; plain JSON (sim, fixtures) says `from`. */
export const peersOf = (rule: Rule): V1NetworkPolicyPeer[] | undefined =>
  rule._from ?? (rule as { from?: V1NetworkPolicyPeer[] }).from;

export interface TrafficSource {
  namespace: string;
  namespaceLabels: Record<string, string> | undefined;
  podLabels: Record<string, string>;
  ips: string[];
}

export interface TrafficTarget {
  namespace: string;
  podLabels: Record<string, string>;
  port: number;
  /** The container port's name, for named ports in policy rules. */
  portName?: string;
  protocol?: string;
}

/** Does this policy restrict ingress to the pod? (podSelector matches and Ingress is among its types.) */
export function restrictsIngress(policy: V1NetworkPolicy, target: TrafficTarget): boolean {
  if ((policy.metadata?.namespace ?? target.namespace) !== target.namespace) return false;
  if (!matchesLabelSelector(target.podLabels, policy.spec?.podSelector)) return false;
  // policyTypes unset: Ingress always applies (Egress only when egress rules exist).
  const types = policy.spec?.policyTypes ?? ['Ingress'];
  return types.includes('Ingress');
}

function peerAllows(peer: V1NetworkPolicyPeer, policyNs: string, src: TrafficSource): boolean {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return src.ips.some((ip) => ipInCidr(ip, peer.ipBlock!.cidr) && !except.some((e) => ipInCidr(ip, e)));
  }
  if (peer.namespaceSelector) {
    if (!src.namespaceLabels || !matchesLabelSelector(src.namespaceLabels, peer.namespaceSelector))
      return false;
    return peer.podSelector ? matchesLabelSelector(src.podLabels, peer.podSelector) : true;
  }
  // podSelector alone: pods of the policy's own namespace.
  if (peer.podSelector)
    return src.namespace === policyNs && matchesLabelSelector(src.podLabels, peer.podSelector);
  return false;
}

function portAllows(p: V1NetworkPolicyPort, target: TrafficTarget): boolean {
  if ((p.protocol ?? 'TCP') !== (target.protocol ?? 'TCP')) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number' || /^\d+$/.test(p.port)) {
    const start = Number(p.port);
    const end = p.endPort ?? start;
    return target.port >= start && target.port <= end;
  }
  return p.port === target.portName;
}

/** Does any ingress rule of this policy let the source reach the target port? */
export function policyAllows(policy: V1NetworkPolicy, src: TrafficSource, target: TrafficTarget): boolean {
  const ns = policy.metadata?.namespace ?? target.namespace;
  return (policy.spec?.ingress ?? []).some((rule) => {
    const peers = peersOf(rule);
    const fromOk = !peers || peers.length === 0 || peers.some((peer) => peerAllows(peer, ns, src));
    const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => portAllows(p, target));
    return fromOk && portOk;
  });
}

/** One line describing what a policy admits, for evidence. */
export function describePolicyRules(policy: V1NetworkPolicy): string {
  const rules = policy.spec?.ingress ?? [];
  if (rules.length === 0) return 'no ingress rules (deny all)';
  return rules
    .map((r) => {
      const from = (peersOf(r) ?? [])
        .map((p) => {
          const parts: string[] = [];
          if (p.namespaceSelector) parts.push(`namespaces ${selectorText(p.namespaceSelector.matchLabels)}`);
          if (p.podSelector) parts.push(`pods ${selectorText(p.podSelector.matchLabels)}`);
          if (p.ipBlock) parts.push(`ipBlock ${p.ipBlock.cidr}`);
          return parts.join(' & ');
        })
        .join(' or ');
      const ports = (r.ports ?? [])
        .map((p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}`)
        .join(',');
      return `from ${from || 'anywhere'}${ports ? ` on port ${ports}` : ''}`;
    })
    .join('; ');
}

const selectorText = (labels: Record<string, string> | undefined): string => {
  const e = Object.entries(labels ?? {});
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(',') : '(all)';
};
