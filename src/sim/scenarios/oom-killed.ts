import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'oom-killed';
export const oomKilled: Scenario = {
  name: 'oom-killed',
  description: 'cart exceeds its 256Mi limit while warming its cache: OOMKilled (137), restarts',
  app: 'cart',
  namespace: ns,
  expectedCause: 'oom-killed',
  objects: [...shopBase(ns), ...shopApp({ app: 'cart', namespace: ns, behavior: 'oom' })],
};
