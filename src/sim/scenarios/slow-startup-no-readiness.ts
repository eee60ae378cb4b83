import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { STARTUP_SECONDS_ANNOTATION } from '../behaviors/behavior-of.js';
import { shopBase } from './shop.js';

const ns = 'slow-startup-no-readiness';
export const slowStartupNoReadiness: Scenario = {
  name: 'slow-startup-no-readiness',
  description:
    'reviews has no readiness probe: Ready as soon as it starts, so the proxy sends traffic (refused) during its 60 s startup; liveness kills it at 40 s',
  app: 'reviews',
  namespace: ns,
  expectedCause: 'slow-startup',
  objects: [
    ...shopBase(ns),
    ...shopApp({
      app: 'reviews',
      namespace: ns,
      behavior: 'slow-startup',
      readiness: false,
      annotations: { [STARTUP_SECONDS_ANNOTATION]: '60' },
    }),
  ],
};
