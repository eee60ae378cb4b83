import { describe, expect, it } from 'vitest';
import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import {
  RESTARTED_AT_ANNOTATION,
  replicaSetForRevision,
  restartPatch,
  rollbackPatch,
} from '../../src/actions/deployment-patches.js';
import { staleReason } from '../../src/actions/stale-guard.js';

const template = (image: string, extraLabels: Record<string, string> = {}) => ({
  metadata: { labels: { app: 'checkout', ...extraLabels } },
  spec: { containers: [{ name: 'checkout', image }] },
});

function deployment(
  image: string,
  over: Partial<V1Deployment['metadata']> = {},
  status = { observedGeneration: 7 },
): V1Deployment {
  return {
    metadata: {
      name: 'checkout',
      namespace: 'shop',
      uid: 'd-1',
      resourceVersion: '900',
      generation: 7,
      annotations: { 'deployment.kubernetes.io/revision': '4' },
      ...over,
    },
    spec: { selector: { matchLabels: { app: 'checkout' } }, template: template(image) },
    status,
  };
}

function rs(revision: number, image: string, owner = 'd-1'): V1ReplicaSet {
  return {
    metadata: {
      name: `checkout-${revision}`,
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout', uid: owner, controller: true },
      ],
    },
    spec: {
      selector: { matchLabels: { app: 'checkout' } },
      template: template(image, { 'pod-template-hash': `h${revision}` }),
    },
  };
}

describe('rollback patch', () => {
  it('replaces the template with the revision’s, minus pod-template-hash, guarded on uid and resourceVersion', () => {
    const ops = rollbackPatch(deployment('c:2.0.0'), rs(3, 'c:1.4.2'));
    expect(ops).toEqual([
      { op: 'test', path: '/metadata/uid', value: 'd-1' },
      { op: 'test', path: '/metadata/resourceVersion', value: '900' },
      { op: 'replace', path: '/spec/template', value: template('c:1.4.2') },
    ]);
  });

  it('is skipped when the template already is that revision’s (kubectl: skipped rollback)', () => {
    expect(rollbackPatch(deployment('c:1.4.2'), rs(3, 'c:1.4.2'))).toBeUndefined();
  });

  it('finds the revision only among ReplicaSets this Deployment controls', () => {
    const d = deployment('c:2.0.0');
    expect(replicaSetForRevision(d, [rs(3, 'a', 'other-uid'), rs(2, 'b')], 3)).toBeUndefined();
    expect(
      replicaSetForRevision(d, [rs(3, 'a', 'other-uid'), rs(3, 'b')], 3)?.spec?.template?.spec?.containers[0]
        ?.image,
    ).toBe('b');
  });
});

describe('restart patch (kubectl rollout restart)', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('adds restartedAt next to existing template annotations', () => {
    const d = deployment('c:1');
    d.spec!.template.metadata!.annotations = { keep: 'me' };
    expect(restartPatch(d, now).at(-1)).toEqual({
      op: 'add',
      path: '/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt',
      value: now.toISOString(),
    });
  });
  it('creates the annotations map when the template has none', () => {
    expect(restartPatch(deployment('c:1'), now).at(-1)).toEqual({
      op: 'add',
      path: '/spec/template/metadata/annotations',
      value: { [RESTARTED_AT_ANNOTATION]: now.toISOString() },
    });
  });
});

describe('stale guard', () => {
  const expected = {
    kind: 'Deployment' as const,
    namespace: 'shop',
    name: 'checkout',
    uid: 'd-1',
    revision: 4,
  };
  it('same uid, same revision, nothing pending → not stale (status-only resourceVersion bumps do not matter)', () => {
    expect(
      staleReason({ ...expected, resourceVersion: '1' }, deployment('c:2', { resourceVersion: '5000' })),
    ).toBeUndefined();
  });
  it('gone → stale', () => {
    expect(staleReason(expected, undefined)).toMatch(/no longer exists/);
  });
  it('re-created → stale', () => {
    expect(staleReason(expected, deployment('c:2', { uid: 'd-2' }))).toMatch(/re-created/);
  });
  it('new rollout → stale, naming both revisions', () => {
    expect(
      staleReason(expected, deployment('c:2', { annotations: { 'deployment.kubernetes.io/revision': '5' } })),
    ).toMatch(/revision 4 → 5/);
  });
  it('a spec change the controller has not seen yet → stale', () => {
    expect(staleReason(expected, deployment('c:2', { generation: 8 }))).toMatch(/not processed yet/);
  });
});
