import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'target-port-mismatch';
export const targetPortMismatch: Scenario = {
  name: 'target-port-mismatch',
  description: 'payments listens on 8080 but its Service sends to targetPort 80: connection refused',
  app: 'payments',
  namespace: ns,
  expectedCause: 'target-port-mismatch',
  objects: [
    ...shopBase(ns),
    deployment({ app: 'payments', namespace: ns }),
    service({ name: 'payments', namespace: ns, targetPort: 80 }),
    ingress({ name: 'payments', namespace: ns, host: 'payments.example.com', service: 'payments' }),
  ],
};
