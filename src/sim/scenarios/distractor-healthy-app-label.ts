import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'distractor-prefix-names';
export const distractorPrefixNames: Scenario = {
  name: 'distractor-prefix-names',
  description:
    'target "cart" is healthy; "cart-worker" (a name sharing its prefix) is OOMKilled — prefix matching would be wrong',
  app: 'cart',
  namespace: ns,
  expectedCause: 'healthy',
  objects: [
    ...shopBase(ns),
    ...shopApp({ app: 'cart', namespace: ns }),
    ...shopApp({ app: 'cart-worker', namespace: ns, behavior: 'oom' }),
  ],
};
