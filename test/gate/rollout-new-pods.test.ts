import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { rolloutRevisions } from '../../src/k8s/rollout-new-pods.js';
import type { RolloutWorkload } from '../../src/k8s/rollout-workload.js';

const dep = (revision: string): RolloutWorkload => ({
  kind: 'Deployment',
  object: {
    metadata: {
      name: 'checkout',
      uid: 'dep-uid',
      annotations: { 'deployment.kubernetes.io/revision': revision },
    },
  },
});
const rs = (rev: number, ready: number): V1ReplicaSet => ({
  metadata: {
    name: `checkout-h${rev}`,
    uid: `rs-${rev}`,
    labels: { 'pod-template-hash': `h${rev}` },
    annotations: { 'deployment.kubernetes.io/revision': String(rev) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', uid: 'dep-uid' }],
  },
  spec: { selector: {} },
  status: { replicas: ready, readyReplicas: ready },
});
const pod = (name: string, hash: string): V1Pod => ({
  metadata: { name, labels: { 'pod-template-hash': hash } },
});

describe('rolloutRevisions', () => {
  const pods = [pod('old-1', 'h3'), pod('old-2', 'h3'), pod('new-1', 'h4')];

  it('new pods are those of the ReplicaSet carrying the Deployment’s revision', () => {
    const r = rolloutRevisions(dep('4'), [rs(3, 2), rs(4, 0)], pods);
    expect(r.newPods.map((p) => p.metadata?.name)).toEqual(['new-1']);
    expect(r.servingRevision).toEqual({ revision: 3, ready: 2, replicaSet: 'checkout-h3' });
  });

  it('until the new ReplicaSet exists no pod counts as new (an old crash loop must not fail the fix)', () => {
    expect(rolloutRevisions(dep('4'), [rs(3, 2)], pods).newPods).toEqual([]);
  });

  it('ReplicaSets of another owner are ignored', () => {
    const foreign = { ...rs(4, 0), metadata: { ...rs(4, 0).metadata, ownerReferences: [] } };
    expect(rolloutRevisions(dep('4'), [rs(3, 2), foreign], pods).newPods).toEqual([]);
  });

  it('StatefulSet: pods at the update revision', () => {
    const sts: RolloutWorkload = {
      kind: 'StatefulSet',
      object: { metadata: { name: 'db' }, status: { replicas: 2, updateRevision: 'db-2' } },
    };
    const sp = (n: string, h: string): V1Pod => ({
      metadata: { name: n, labels: { 'controller-revision-hash': h } },
    });
    expect(
      rolloutRevisions(sts, [], [sp('db-0', 'db-1'), sp('db-1', 'db-2')]).newPods.map(
        (p) => p.metadata?.name,
      ),
    ).toEqual(['db-1']);
  });
});
