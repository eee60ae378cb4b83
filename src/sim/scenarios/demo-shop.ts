import type { Scenario } from '../scenario.js';
import { deployment, ingress, networkPolicy, service, shopApp } from '../builders.js';
import { badRolloutCheckout } from './bad-rollout.js';
import { shopBase } from './shop.js';

const ns = 'shop';
export const demoShop: Scenario = {
  name: 'demo-shop',
  description:
    'the demo: checkout (bad rollout, rollback fixes it), cart (OOMKilled), search (NetworkPolicy blocks ingress-nginx), payments (targetPort mismatch), catalog (healthy)',
  app: 'checkout',
  namespace: ns,
  expectedCause: 'bad-rollout',
  objects: [
    ...shopBase(ns),
    ...badRolloutCheckout(ns, 'shop.example.com'),
    ...shopApp({ app: 'cart', namespace: ns, behavior: 'oom', host: 'cart.shop.example.com' }),
    ...shopApp({ app: 'search', namespace: ns, host: 'search.shop.example.com' }),
    networkPolicy('search-allow-frontend-only', ns, { app: 'search' }, [
      {
        from: [{ podSelector: { matchLabels: { app: 'checkout' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]),
    deployment({ app: 'payments', namespace: ns }),
    service({ name: 'payments', namespace: ns, targetPort: 9000 }),
    ingress({ name: 'payments', namespace: ns, host: 'payments.shop.example.com', service: 'payments' }),
    ...shopApp({ app: 'catalog', namespace: ns, host: 'catalog.shop.example.com' }),
  ],
};
