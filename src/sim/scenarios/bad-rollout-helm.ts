import type { KubeObject, Scenario } from '../scenario.js';
import { deployment, ingress, service } from '../builders.js';
import { helmReleaseSecrets } from './helm-release.js';
import { shopBase } from './shop.js';

const ns = 'bad-rollout-helm';
const release = 'checkout';
const helmLabels = {
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/instance': release,
  'helm.sh/chart': 'checkout-0.4.0',
};
const helmAnnotations = { 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': ns };
const versions = ['1.2.0', '1.3.0', '1.4.2', '2.0.0'];
const image = (v: string) => `registry.example.com/shop/checkout:${v}`;

function rendered(version: string, crash: boolean): KubeObject[] {
  const d = deployment({
    app: 'checkout',
    namespace: ns,
    image: image(version),
    ...(crash ? { behavior: 'crash-loop' as const } : {}),
    labels: { 'app.kubernetes.io/instance': release },
    deploymentLabels: helmLabels,
  });
  const s = service({ name: 'checkout', namespace: ns, labels: helmLabels });
  return [d, s];
}

const current = deployment({
  app: 'checkout',
  namespace: ns,
  image: image('2.0.0'),
  behavior: 'crash-loop',
  labels: { 'app.kubernetes.io/instance': release },
  deploymentLabels: helmLabels,
  deploymentAnnotations: helmAnnotations,
  history: versions
    .slice(0, 3)
    .map((v) => ({ image: image(v), labels: { 'app.kubernetes.io/instance': release } })),
  ageSeconds: 900,
});

const svc = service({ name: 'checkout', namespace: ns, labels: helmLabels });
svc.metadata.annotations = helmAnnotations;

export const badRolloutHelm: Scenario = {
  name: 'bad-rollout-helm',
  description:
    'Helm release "checkout": revision 4 (chart appVersion 2.0.0) crash-loops; revisions 1–3 were healthy',
  app: 'checkout',
  namespace: ns,
  expectedCause: 'bad-rollout',
  objects: [
    ...shopBase(ns),
    current,
    svc,
    ingress({ name: 'checkout', namespace: ns, host: 'checkout-helm.example.com', service: 'checkout' }),
    ...helmReleaseSecrets({
      release,
      namespace: ns,
      chart: 'checkout',
      chartVersion: '0.4.0',
      revisions: versions.map((v, i) => ({
        revision: i + 1,
        status: i === versions.length - 1 ? ('deployed' as const) : ('superseded' as const),
        appVersion: v,
        objects: rendered(v, i === versions.length - 1),
        updated: new Date(Date.UTC(2026, 10, 20 + i * 3, 10, 0, 0)).toISOString(),
      })),
    }),
  ],
};
