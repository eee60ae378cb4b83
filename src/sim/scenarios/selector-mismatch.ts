import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'selector-mismatch';
export const selectorMismatch: Scenario = {
  name: 'selector-mismatch',
  description:
    'the wishlist Service selects app=wishlist-api, the pods are labelled app=wishlist: empty endpoints',
  app: 'wishlist',
  namespace: ns,
  expectedCause: 'selector-mismatch',
  objects: [
    ...shopBase(ns),
    deployment({ app: 'wishlist', namespace: ns }),
    service({ name: 'wishlist', namespace: ns, selector: { app: 'wishlist-api' } }),
    ingress({ name: 'wishlist', namespace: ns, host: 'wishlist.example.com', service: 'wishlist' }),
  ],
};
