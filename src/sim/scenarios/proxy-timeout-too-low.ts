import type { Scenario } from '../scenario.js';
import { shopApp } from '../builders.js';
import { RESPONSE_MS_ANNOTATION } from '../behaviors/behavior-of.js';
import { shopBase } from './shop.js';

const ns = 'proxy-timeout-too-low';
export const proxyTimeoutTooLow: Scenario = {
  name: 'proxy-timeout-too-low',
  description:
    'exports answers in ~30 s; its Ingress sets proxy-read-timeout "5": every request 504s after 5 s',
  app: 'exports',
  namespace: ns,
  expectedCause: 'proxy-timeout-too-low',
  objects: [
    ...shopBase(ns),
    ...shopApp({
      app: 'exports',
      namespace: ns,
      behavior: 'slow',
      annotations: { [RESPONSE_MS_ANNOTATION]: '30000' },
      ingressAnnotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '5' },
    }),
  ],
};
