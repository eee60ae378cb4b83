import type { Scenario } from '../scenario.js';
import { networkPolicy, shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'network-policy-blocks-proxy';
export const networkPolicyBlocksProxy: Scenario = {
  name: 'network-policy-blocks-proxy',
  description:
    'default-deny ingress in the namespace; the only allow admits the monitoring namespace, not ingress-nginx: proxy connects time out (504)',
  app: 'search',
  namespace: ns,
  expectedCause: 'network-policy-blocks-proxy',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'search', namespace: ns }),
    networkPolicy('default-deny-ingress', ns, {}, undefined),
    networkPolicy('allow-monitoring', ns, { app: 'search' }, [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]),
  ],
};
