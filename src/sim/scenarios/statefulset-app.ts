import type { Scenario } from '../scenario.js';
import { ingress, service, statefulSet } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'statefulset-app';
export const statefulsetApp: Scenario = {
  name: 'statefulset-app',
  description: 'ledger is a StatefulSet (ledger-0..2) whose pods crash-loop on start',
  app: 'ledger',
  namespace: ns,
  expectedCause: 'crash-loop',
  objects: [
    ...shopBase(ns),
    statefulSet({ app: 'ledger', namespace: ns, behavior: 'crash-loop', serviceName: 'ledger' }),
    service({ name: 'ledger', namespace: ns }),
    ingress({ name: 'ledger', namespace: ns, host: 'ledger.example.com', service: 'ledger' }),
  ],
};
