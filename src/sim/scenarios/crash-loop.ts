import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'crash-loop';
export const crashLoop: Scenario = {
  name: 'crash-loop',
  description: 'orders exits 1 on start (ECONNREFUSED to its database): CrashLoopBackOff, no ready endpoints',
  app: 'orders',
  namespace: ns,
  expectedCause: 'crash-loop',
  objects: [...shopBase(ns), ...shopApp({ app: 'orders', namespace: ns, behavior: 'crash-loop' })],
};
