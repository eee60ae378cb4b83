import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'app-not-found';
export const appNotFound: Scenario = {
  name: 'app-not-found',
  description: 'asked about "checkout", but the namespace only runs "catalog"',
  app: 'checkout',
  namespace: ns,
  expectedCause: 'app-not-found',
  objects: [...shopBase(ns), ...shopApp({ app: 'catalog', namespace: ns })],
};
