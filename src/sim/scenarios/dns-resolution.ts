import type { Scenario } from '../scenario.js';
import { externalNameService, ingress } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'dns-resolution';
export const dnsResolution: Scenario = {
  name: 'dns-resolution',
  description:
    'the Ingress goes to ExternalName Service "legacy-billing" → billing.corp.invalid, which does not resolve',
  app: 'legacy-billing',
  namespace: ns,
  expectedCause: 'dns-resolution',
  objects: [
    ...shopBase(ns),
    externalNameService('legacy-billing', ns, 'billing.corp.invalid'),
    ingress({
      name: 'legacy-billing',
      namespace: ns,
      host: 'billing.example.com',
      service: 'legacy-billing',
    }),
  ],
};
