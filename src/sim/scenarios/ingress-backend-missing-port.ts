import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'ingress-backend-missing-port';
export const ingressBackendMissingPort: Scenario = {
  name: 'ingress-backend-missing-port',
  description: 'the Ingress routes to port 8080 of Service "tax", which only exposes port 80',
  app: 'tax',
  namespace: ns,
  expectedCause: 'ingress-backend-missing',
  objects: [
    ...shopBase(ns),
    deployment({ app: 'tax', namespace: ns }),
    service({ name: 'tax', namespace: ns }),
    ingress({ name: 'tax', namespace: ns, host: 'tax.example.com', service: 'tax', port: 8080 }),
  ],
};
