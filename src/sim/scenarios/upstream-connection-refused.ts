import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'upstream-connection-refused';
export const upstreamConnectionRefused: Scenario = {
  name: 'upstream-connection-refused',
  description:
    'pricing binds 127.0.0.1:8080; its probes hit the admin port 9090, so pods are Ready but the proxy is refused (111)',
  app: 'pricing',
  namespace: ns,
  expectedCause: 'upstream-connection-refused',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'pricing', namespace: ns, behavior: 'not-listening', probePort: 9090 }),
  ],
};
