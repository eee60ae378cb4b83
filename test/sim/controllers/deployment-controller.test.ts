import { describe, expect, it } from 'vitest';
import { deployment, namespace } from '../../../src/sim/builders.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import { BEHAVIOR_ANNOTATION } from '../../../src/sim/scenario.js';
import { makeWorld } from '../helpers/world.js';
import type { Json } from '../helpers/world.js';

const rsOf = (w: ReturnType<typeof makeWorld>) =>
  w
    .list(T.replicasets, 'shop')
    .map((rs) => ({
      name: rs.metadata.name as string,
      revision: rs.metadata.annotations['deployment.kubernetes.io/revision'] as string,
      replicas: rs.spec.replicas as number,
      ready: (rs.status?.readyReplicas ?? 0) as number,
      template: rs.spec.template,
    }))
    .sort((a, b) => Number(a.revision) - Number(b.revision));

function patchTemplate(w: ReturnType<typeof makeWorld>, mutate: (d: Json) => void) {
  const d = w.get(T.deployments, 'shop', 'checkout');
  mutate(d);
  w.store.update(d);
  w.reconcile();
}

describe('Deployment controller', () => {
  it('turns a Deployment into N ready pods with hash labels, owner references and revision 1', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'checkout', namespace: 'shop', replicas: 3, ageSeconds: 0 }),
    ]);
    w.advance(10);
    const [rs] = rsOf(w);
    expect(rs).toBeDefined();
    const hash = rs!.name.replace('checkout-', '');
    expect(rs!.revision).toBe('1');
    const pods = w.list(T.pods, 'shop');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^checkout-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels['pod-template-hash']).toBe(hash);
      expect(p.metadata.ownerReferences[0]).toMatchObject({
        kind: 'ReplicaSet',
        name: rs!.name,
        controller: true,
      });
      expect(p.status.podIP).toMatch(/^10\.244\.([4-9]|1[0-5])\.\d+$/);
      expect(p.status.conditions.find((c: Json) => c.type === 'Ready').status).toBe('True');
    }
    const d = w.get(T.deployments, 'shop', 'checkout');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status.conditions.find((c: Json) => c.type === 'Progressing').reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it('rolls a good template change out to a new ReplicaSet (revision 2) and scales the old one to 0', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'checkout', namespace: 'shop', ageSeconds: 0 }),
    ]);
    w.advance(10);
    patchTemplate(
      w,
      (d) => (d.spec.template.spec.containers[0].image = 'registry.example.com/shop/checkout:1.5.0'),
    );
    const mid = rsOf(w);
    expect(mid.map((r) => r.revision)).toEqual(['1', '2']);
    expect(mid[1]!.replicas).toBe(1);
    w.advance(30);
    const after = rsOf(w);
    expect(after.map((r) => r.replicas)).toEqual([0, 3]);
    expect(
      w
        .list(T.pods, 'shop')
        .every((p) => p.metadata.labels['pod-template-hash'] === after[1]!.name.split('-').pop()),
    ).toBe(true);
    expect(
      w.get(T.deployments, 'shop', 'checkout').metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('2');
  });

  it('keeps the old ReplicaSet serving when the new pods crash, then reports ProgressDeadlineExceeded', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'checkout', namespace: 'shop', ageSeconds: 0, progressDeadlineSeconds: 20 }),
    ]);
    w.advance(10);
    patchTemplate(w, (d) => {
      d.spec.template.metadata.annotations = { [BEHAVIOR_ANNOTATION]: 'crash-loop' };
      d.spec.template.spec.containers[0].image = 'registry.example.com/shop/checkout:2.0.0';
    });
    w.advance(10);
    const rs = rsOf(w);
    expect(rs.map((r) => [r.replicas, r.ready])).toEqual([
      [3, 3],
      [1, 0],
    ]);
    let progressing = w
      .get(T.deployments, 'shop', 'checkout')
      .status.conditions.find((c: Json) => c.type === 'Progressing');
    expect(progressing.reason).toBe('ReplicaSetUpdated');
    w.advance(25);
    const d = w.get(T.deployments, 'shop', 'checkout');
    progressing = d.status.conditions.find((c: Json) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing.message).toBe(`ReplicaSet "${rs[1]!.name}" has timed out progressing.`);
    expect(d.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status.conditions.find((c: Json) => c.type === 'Available').status).toBe('True');
  });

  it('rollback to an old template reuses its ReplicaSet and gives it the next revision', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({
        app: 'checkout',
        namespace: 'shop',
        behavior: 'crash-loop',
        image: 'registry.example.com/shop/checkout:2.0.0',
        history: [
          { image: 'registry.example.com/shop/checkout:1.3.0' },
          { image: 'registry.example.com/shop/checkout:1.4.2' },
        ],
      }),
    ]);
    const before = rsOf(w);
    expect(before.map((r) => [r.revision, r.replicas])).toEqual([
      ['1', 0],
      ['2', 3],
      ['3', 1],
    ]);
    const d0 = w.get(T.deployments, 'shop', 'checkout');
    expect(d0.metadata.annotations['sim.gw502.dev/history']).toBeUndefined();
    // kubectl rollout undo: copy revision 2's template (minus the hash label) into the Deployment.
    const good = structuredClone(before[1]!.template);
    delete good.metadata.labels['pod-template-hash'];
    patchTemplate(w, (d) => (d.spec.template = good));
    const after = rsOf(w);
    expect(after).toHaveLength(3);
    const reused = after.find((r) => r.name === before[1]!.name)!;
    expect(reused.revision).toBe('4');
    expect(
      w.get(T.replicasets, 'shop', reused.name).metadata.annotations[
        'deployment.kubernetes.io/revision-history'
      ],
    ).toBe('2');
    expect(
      w.get(T.deployments, 'shop', 'checkout').metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('4');
    w.advance(15);
    expect(rsOf(w).find((r) => r.name === before[2]!.name)!.replicas).toBe(0);
    expect(w.list(T.pods, 'shop').every((p) => p.metadata.name.startsWith(reused.name))).toBe(true);
  });

  it('a restart (template annotation change) rolls out a new ReplicaSet', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'checkout', namespace: 'shop', ageSeconds: 0 }),
    ]);
    w.advance(10);
    patchTemplate(
      w,
      (d) =>
        (d.spec.template.metadata.annotations = {
          'kubectl.kubernetes.io/restartedAt': '2026-12-02T15:00:10Z',
        }),
    );
    w.advance(30);
    const rs = rsOf(w);
    expect(rs.map((r) => [r.revision, r.replicas])).toEqual([
      ['1', 0],
      ['2', 3],
    ]);
  });

  it('is quiet in a steady state: a second reconcile at the same instant writes nothing', () => {
    const w = makeWorld([
      namespace('shop'),
      deployment({ app: 'checkout', namespace: 'shop', behavior: 'crash-loop' }),
    ]);
    w.advance(3);
    const writes = w.store.writes;
    w.reconcile();
    expect(w.store.writes).toBe(writes);
  });
});
