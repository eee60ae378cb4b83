import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'resource-exhaustion';
export const resourceExhaustion: Scenario = {
  name: 'resource-exhaustion',
  description:
    'recommendations runs at its CPU/memory limits with its DB pool exhausted: intermittent 502/504',
  app: 'recommendations',
  namespace: ns,
  expectedCause: 'resource-exhaustion',
  objects: [...shopBase(ns), ...shopApp({ app: 'recommendations', namespace: ns, behavior: 'saturated' })],
  metricsServer: true,
};
