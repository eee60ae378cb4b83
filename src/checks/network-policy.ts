import type { Check } from './check.js';
import { appPods, findAppServices, workloadOf } from './app-objects.js';
import { resolvePort } from './container-port.js';
import { fetchProblemOutcome } from './fetch-problem.js';
import { formatLabels } from '../k8s/label-selector.js';
import {
  describePolicyRules,
  peersOf,
  policyAllows,
  restrictsIngress,
  type TrafficTarget,
} from './network-policy-verdict.js';
import { podIps } from './pod-facts.js';
import { proxyLogFacts } from './proxy-log-facts.js';

/**
 * Step 5: may the proxy pods reach the app pods on the Service's target port? Policies are additive: traffic
 * is denied only when some policy selects the pod for Ingress and none of the selecting policies allows it.
 */
export const networkPolicyCheck: Check = {
  id: 'network-policy',
  runbookStep: '5',
  title: 'Network policies',
  run(s) {
    if (!s.networkPolicies.ok) return fetchProblemOutcome(s.networkPolicies.error);
    const pods = appPods(s);
    const labels = pods[0]?.metadata?.labels ?? workloadOf(s)?.object.spec?.template.metadata?.labels;
    if (!labels) return { status: 'skipped', summary: 'no app pods to evaluate', evidence: [] };
    const selecting = s.networkPolicies.value.filter((p) =>
      restrictsIngress(p, { namespace: s.namespace, podLabels: labels, port: 0 }),
    );
    if (selecting.length === 0) {
      return {
        status: 'ok',
        summary: `no NetworkPolicy restricts ingress to the ${s.app} pods`,
        evidence: [],
      };
    }
    if (!s.proxy.pods.ok) return fetchProblemOutcome(s.proxy.pods.error);
    const needsNsLabels = selecting.some((p) =>
      (p.spec?.ingress ?? []).some((r) => (peersOf(r) ?? []).some((peer) => peer.namespaceSelector)),
    );
    if (needsNsLabels && !s.proxy.namespaceLabels.ok)
      return fetchProblemOutcome(s.proxy.namespaceLabels.error);
    const proxyPods = s.proxy.pods.value;
    if (proxyPods.length === 0) {
      return { status: 'skipped', summary: 'no proxy pods to evaluate the policies against', evidence: [] };
    }
    // The ports the proxy connects to: each Service's targetPort resolved against the containers.
    const containers =
      pods[0]?.spec?.containers ?? workloadOf(s)?.object.spec?.template.spec?.containers ?? [];
    const targets: TrafficTarget[] = [];
    for (const { service } of findAppServices(s).filter((x) => x.selectsApp)) {
      for (const sp of service.spec?.ports ?? []) {
        const ref = sp.targetPort ?? sp.port;
        for (const c of containers) {
          const port = resolvePort(c, ref);
          if (port === undefined) continue;
          const portName = c.ports?.find((p) => p.containerPort === port)?.name;
          targets.push({
            namespace: s.namespace,
            podLabels: labels,
            port,
            portName,
            protocol: sp.protocol ?? 'TCP',
          });
        }
      }
    }
    if (targets.length === 0) {
      const first = containers.flatMap((c) => c.ports ?? [])[0];
      if (first)
        targets.push({
          namespace: s.namespace,
          podLabels: labels,
          port: first.containerPort,
          portName: first.name,
        });
      else return { status: 'skipped', summary: 'no target port to evaluate', evidence: [] };
    }
    const nsLabels = s.proxy.namespaceLabels.ok ? s.proxy.namespaceLabels.value : undefined;
    const sources = proxyPods.map((p) => ({
      namespace: s.proxy.namespace,
      namespaceLabels: nsLabels,
      podLabels: p.metadata?.labels ?? {},
      ips: podIps(p),
    }));
    const blockedPorts = targets.filter(
      (t) => !sources.some((src) => selecting.some((pol) => policyAllows(pol, src, t))),
    );
    const policyLines = selecting.map(
      (p) =>
        `networkpolicy ${p.metadata?.name}: selects ${s.app} pods (podSelector ${formatLabels(p.spec?.podSelector?.matchLabels)}), ${describePolicyRules(p)}`,
    );
    if (blockedPorts.length === 0) {
      return {
        status: 'ok',
        summary: `${selecting.length} policy(ies) select the app; traffic from ${s.proxy.namespace} is allowed`,
        evidence: [],
      };
    }
    const port = blockedPorts[0]!.port;
    const blocker = selecting.find((p) => (p.spec?.ingress ?? []).length === 0) ?? selecting[0]!;
    const evidence = [
      `no policy allows ${s.proxy.namespace}/${s.proxy.deploymentName} (${proxyPods.flatMap(podIps).join(', ') || 'no IP'}, namespace labels ${formatLabels(nsLabels)}) to port ${port}`,
      ...policyLines,
    ];
    const connectTimeouts = (proxyLogFacts(s)?.failures ?? []).filter(
      (f) => f.line.kind === 'timeout' && /while connecting to upstream/.test(f.line.raw),
    );
    if (connectTimeouts.length)
      evidence.push(`${connectTimeouts.length} connect timeout(s) in the proxy log: packets are dropped`);
    return {
      status: 'fail',
      summary: `NetworkPolicy ${blocker.metadata?.name} blocks the proxy from port ${port}`,
      evidence,
      proposals: [
        {
          cause: 'network-policy-blocks-proxy',
          confidence: 'high',
          summary: `NetworkPolicy ${blocker.metadata?.name} in ${s.namespace} denies traffic from ${s.proxy.namespace} to the ${s.app} pods on port ${port}: allow ingress from the proxy namespace.`,
        },
      ],
    };
  },
};
