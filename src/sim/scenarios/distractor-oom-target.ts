import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'distractor-oom-target';
export const distractorOomTarget: Scenario = {
  name: 'distractor-oom-target',
  description:
    'cart is OOMKilled; neighbour "orders" crash-loops with exit 1 — its events must not turn the verdict into crash-loop',
  app: 'cart',
  namespace: ns,
  expectedCause: 'oom-killed',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'cart', namespace: ns, behavior: 'oom' }),
    ...shopApp({ app: 'orders', namespace: ns, behavior: 'crash-loop' }),
  ],
};
