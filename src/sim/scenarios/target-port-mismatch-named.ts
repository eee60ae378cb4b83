import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'target-port-mismatch-named';
export const targetPortMismatchNamed: Scenario = {
  name: 'target-port-mismatch-named',
  description:
    'the Service targets the named port "web"; the container names its port "http": no endpoint ports',
  app: 'accounts',
  namespace: ns,
  expectedCause: 'target-port-mismatch',
  objects: [
    ...shopBase(ns),
    deployment({ app: 'accounts', namespace: ns }),
    service({ name: 'accounts', namespace: ns, targetPort: 'web' }),
    ingress({ name: 'accounts', namespace: ns, host: 'accounts.example.com', service: 'accounts' }),
  ],
};
