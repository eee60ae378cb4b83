import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'ingress-backend-missing';
export const ingressBackendMissing: Scenario = {
  name: 'ingress-backend-missing',
  description:
    'the Ingress routes to Service "shipping-svc", which does not exist (the Service is "shipping")',
  app: 'shipping',
  namespace: ns,
  expectedCause: 'ingress-backend-missing',
  objects: [
    ...shopBase(ns),
    deployment({ app: 'shipping', namespace: ns }),
    service({ name: 'shipping', namespace: ns }),
    ingress({ name: 'shipping', namespace: ns, host: 'shipping.example.com', service: 'shipping-svc' }),
  ],
};
