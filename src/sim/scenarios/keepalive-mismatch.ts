import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { KEEPALIVE_MS_ANNOTATION } from '../behaviors/behavior-of.js';
import { shopBase } from './shop.js';

const ns = 'keepalive-mismatch';
export const keepaliveMismatch: Scenario = {
  name: 'keepalive-mismatch',
  description:
    'notifications closes idle keep-alive connections after 5 s; ingress-nginx keeps upstream connections 60 s: occasional 502 "prematurely closed"',
  app: 'notifications',
  namespace: ns,
  expectedCause: 'keepalive-mismatch',
  objects: [
    ...shopBase(ns, { config: { 'upstream-keepalive-timeout': '60' } }),
    ...shopApp({
      app: 'notifications',
      namespace: ns,
      behavior: 'closes-keepalive',
      annotations: { [KEEPALIVE_MS_ANNOTATION]: '5000' },
    }),
  ],
};
