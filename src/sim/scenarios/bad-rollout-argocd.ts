import type { Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { badRolloutHistory } from './bad-rollout.js';
import { shopBase } from './shop.js';

const ns = 'bad-rollout-argocd';
const tracking = { 'argocd.argoproj.io/tracking-id': `checkout:apps/Deployment:${ns}/checkout` };

export const badRolloutArgocd: Scenario = {
  name: 'bad-rollout-argocd',
  description:
    'Argo CD application "checkout" synced revision 4 that crash-loops: the cause is the rollout, but Argo CD owns it (no kubectl rollback)',
  app: 'checkout',
  namespace: ns,
  expectedCause: 'bad-rollout',
  objects: [
    ...shopBase(ns),
    deployment({
      app: 'checkout',
      namespace: ns,
      image: 'registry.example.com/shop/checkout:2.0.0',
      behavior: 'crash-loop',
      deploymentLabels: { 'app.kubernetes.io/instance': 'checkout' },
      deploymentAnnotations: tracking,
      history: badRolloutHistory,
      ageSeconds: 900,
    }),
    { ...service({ name: 'checkout', namespace: ns, labels: { 'app.kubernetes.io/instance': 'checkout' } }) },
    ingress({
      name: 'checkout',
      namespace: ns,
      host: 'checkout-argo.example.com',
      service: 'checkout',
      annotations: tracking,
    }),
  ],
};
