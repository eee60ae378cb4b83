import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'distractor-neighbour-rollout';
export const distractorNeighbourRollout: Scenario = {
  name: 'distractor-neighbour-rollout',
  description:
    'inventory fails readiness; neighbour "checkout" has a bad rollout of its own — not the target\'s story',
  app: 'inventory',
  namespace: ns,
  expectedCause: 'readiness-failing',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'inventory', namespace: ns, behavior: 'readiness-failing' }),
    ...shopApp({
      app: 'checkout',
      namespace: ns,
      behavior: 'crash-loop',
      image: 'registry.example.com/shop/checkout:2.0.0',
      history: [{ image: 'registry.example.com/shop/checkout:1.4.2' }],
      ageSeconds: 900,
    }),
  ],
};
