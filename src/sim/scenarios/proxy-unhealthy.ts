import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'proxy-unhealthy';
export const proxyUnhealthy: Scenario = {
  name: 'proxy-unhealthy',
  description: 'storefront is fine; the ingress-nginx controller itself is crash-looping',
  app: 'storefront',
  namespace: ns,
  expectedCause: 'proxy-unhealthy',
  objects: [...shopBase(ns, { behavior: 'crash-loop' }), ...shopApp({ app: 'storefront', namespace: ns })],
};
