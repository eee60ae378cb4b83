import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { STARTUP_SECONDS_ANNOTATION } from '../behaviors/behavior-of.js';
import { shopBase } from './shop.js';

const ns = 'slow-startup';
export const slowStartup: Scenario = {
  name: 'slow-startup',
  description: 'profile needs 90 s to start; liveness (10 s + 3×10 s) kills it first, forever',
  app: 'profile',
  namespace: ns,
  expectedCause: 'slow-startup',
  objects: [
    ...shopBase(ns),
    ...shopApp({
      app: 'profile',
      namespace: ns,
      behavior: 'slow-startup',
      annotations: { [STARTUP_SECONDS_ANNOTATION]: '90' },
    }),
  ],
};
