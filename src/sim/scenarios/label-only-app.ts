import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { shopBase } from './shop.js';

const ns = 'label-only-app';
export const labelOnlyApp: Scenario = {
  name: 'label-only-app',
  description:
    'no workload is named "storefront"; Deployment "web-v2" has pods labelled app.kubernetes.io/name=storefront (app=web), and they crash-loop',
  app: 'storefront',
  namespace: ns,
  expectedCause: 'crash-loop',
  objects: [
    ...shopBase(ns),
    deployment({
      app: 'storefront',
      name: 'web-v2',
      namespace: ns,
      behavior: 'crash-loop',
      labels: { app: 'web' },
      selector: { app: 'web' },
      deploymentLabels: { app: 'web' },
    }),
    service({ name: 'web', namespace: ns, selector: { app: 'web' } }),
    ingress({ name: 'web', namespace: ns, host: 'www.example.com', service: 'web' }),
  ],
};
