import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'healthy';
export const healthy: Scenario = {
  name: 'healthy',
  description: 'catalog: 3/3 ready, endpoints ready, ingress-nginx serving 200s',
  app: 'catalog',
  namespace: ns,
  expectedCause: 'healthy',
  objects: [...shopBase(ns), ...shopApp({ app: 'catalog', namespace: ns })],
};
