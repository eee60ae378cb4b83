import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'distractor-healthy-target';
export const distractorHealthyTarget: Scenario = {
  name: 'distractor-healthy-target',
  description:
    'catalog is healthy; its neighbour "recs" crash-loops in the same namespace and 502s at the proxy',
  app: 'catalog',
  namespace: ns,
  expectedCause: 'healthy',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'catalog', namespace: ns }),
    ...shopApp({ app: 'recs', namespace: ns, behavior: 'crash-loop' }),
  ],
  proxyLogLines: [
    `{{t-90s}} [error] 31#31: *4411 connect() failed (111: Connection refused) while connecting to upstream, client: 203.0.113.24, server: recs.example.com, request: "GET / HTTP/1.1", upstream: "http://10.244.2.9:8080/", host: "recs.example.com"`,
    `203.0.113.24 - - [{{t-90s}}] "GET / HTTP/1.1" 502 150 "-" "curl/8.5.0" 78 0.001 [${ns}-recs-80] [] 10.244.2.9:8080 0 0.001 502 5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5`,
  ],
};
