import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'readiness-failing';
export const readinessFailing: Scenario = {
  name: 'readiness-failing',
  description: 'inventory runs but /ready answers 503 (its Redis is gone): no ready endpoint, ingress 503s',
  app: 'inventory',
  namespace: ns,
  expectedCause: 'readiness-failing',
  objects: [...shopBase(ns), ...shopApp({ app: 'inventory', namespace: ns, behavior: 'readiness-failing' })],
};
