import type { KubeObject } from '../../src/sim/scenario.js';

/** Plain objects for API-server tests (no controllers run: everything is created as given). */

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function pod(
  ns: string,
  name: string,
  labels: Record<string, string>,
  phase = 'Running',
  node = 'node-1',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: {
      nodeName: node,
      containers: [{ name: 'app', image: 'shop/app:1.0', ports: [{ containerPort: 8080 }] }],
    },
    status: { phase },
  };
}

export function deployment(ns: string, name: string, image = 'shop/app:1.0'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              ports: [{ containerPort: 8080 }],
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'LEVEL', value: 'info' },
              ],
            },
          ],
        },
      },
    },
  };
}

export function service(ns: string, name: string, selector: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
  };
}

/**
 * A ReplicaSet of a Deployment's revision, as the Deployment controller leaves them (owner reference,
 * revision annotation, pod-template-hash label) — what `kubectl rollout undo` reads.
 */
export function replicaSetFor(dep: KubeObject, uid: string, revision: number, image: string): KubeObject {
  const name = dep.metadata.name;
  const hash = `h${revision}abc`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`,
      namespace: dep.metadata.namespace,
      labels: { app: name, 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name, uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name, 'pod-template-hash': hash } },
      template: {
        metadata: { labels: { app: name, 'pod-template-hash': hash } },
        spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}
