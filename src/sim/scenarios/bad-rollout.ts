import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'bad-rollout';
/** Revisions 1–3 were healthy; revision 4 (image 2.0.0) crash-loops and the rollout is stuck. */
export const badRolloutHistory = [
  { image: 'registry.example.com/shop/checkout:1.2.0' },
  { image: 'registry.example.com/shop/checkout:1.3.0' },
  { image: 'registry.example.com/shop/checkout:1.4.2' },
];

/** The broken checkout: revision 4 crash-loops after three healthy revisions (shared with the demo shop). */
export function badRolloutCheckout(namespace: string, host?: string) {
  return shopApp({
    app: 'checkout',
    namespace,
    image: 'registry.example.com/shop/checkout:2.0.0',
    behavior: 'crash-loop',
    history: badRolloutHistory,
    ageSeconds: 900,
    ...(host ? { host } : {}),
  });
}

export const badRollout: Scenario = {
  name: 'bad-rollout',
  description:
    'checkout revision 4 (2.0.0) crash-loops; the old ReplicaSet (revision 3) still serves 3/3; progress deadline exceeded',
  app: 'checkout',
  namespace: ns,
  expectedCause: 'bad-rollout',
  objects: [...shopBase(ns), ...badRolloutCheckout(ns)],
};
