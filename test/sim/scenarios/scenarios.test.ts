import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../../src/diagnosis/report.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import {
  createSimRuntime,
  loadScenario,
  scenarioByName,
  scenarios,
} from '../../../src/sim/scenarios/index.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { T0 } from '../helpers/world.js';
import type { Json } from '../helpers/world.js';

function loaded(name: string) {
  const s = scenarioByName(name)!;
  let now = T0;
  const store = new MemoryStore(() => new Date(now));
  const runtime = createSimRuntime(s);
  loadScenario(store, s);
  runtime.reconcile(store, new Date(now));
  return {
    s,
    store,
    runtime,
    advance(seconds: number) {
      for (let i = 0; i < seconds; i++) runtime.reconcile(store, new Date((now += 1000)));
    },
    list: (t: (typeof T)[keyof typeof T], ns?: string) => store.list(t, ns) as Json[],
  };
}

const readyPods = (pods: Json[]) =>
  pods.filter((p) => p.status.conditions?.find((c: Json) => c.type === 'Ready')?.status === 'True');

describe('scenarios', () => {
  it('cover every cause of the contract except unknown, with unique names', () => {
    const covered = new Set(scenarios.map((s) => s.expectedCause));
    expect(CAUSES.filter((c) => c !== 'unknown' && !covered.has(c))).toEqual([]);
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
  });

  it.each(scenarios.map((s) => [s.name]))(
    '%s loads and settles into a running ingress-nginx plus its namespace',
    (name) => {
      const { s, list } = loaded(name);
      const controller = list(T.pods, 'ingress-nginx');
      expect(controller).toHaveLength(1);
      expect(controller[0].spec.containers[0].image).toBe('registry.k8s.io/ingress-nginx/controller:v1.12.1');
      expect(list(T.namespaces).map((n) => n.metadata.name)).toContain(s.namespace);
      expect(readyPods(controller)).toHaveLength(s.expectedCause === 'proxy-unhealthy' ? 0 : 1);
    },
  );

  it('healthy: every pod of the app ready, endpoints ready', () => {
    const { list } = loaded('healthy');
    expect(readyPods(list(T.pods, 'healthy'))).toHaveLength(3);
  });

  it('bad-rollout: revisions 1..4, revision 3 serving 3/3, revision 4 one crash-looping pod, deadline exceeded', () => {
    const { list } = loaded('bad-rollout');
    const rs = list(T.replicasets, 'bad-rollout').sort(
      (a, b) =>
        Number(a.metadata.annotations['deployment.kubernetes.io/revision']) -
        Number(b.metadata.annotations['deployment.kubernetes.io/revision']),
    );
    expect(
      rs.map((r) => [
        r.metadata.annotations['deployment.kubernetes.io/revision'],
        r.spec.replicas,
        r.status.readyReplicas,
      ]),
    ).toEqual([
      ['1', 0, 0],
      ['2', 0, 0],
      ['3', 3, 3],
      ['4', 1, 0],
    ]);
    const d = list(T.deployments, 'bad-rollout')[0];
    expect(d.status.conditions.find((c: Json) => c.type === 'Progressing').reason).toBe(
      'ProgressDeadlineExceeded',
    );
    expect(Date.parse(rs[3].metadata.creationTimestamp)).toBe(T0 - 900_000);
  });

  it('demo-shop: rolling checkout back to revision 3 brings it to 3/3 on the old ReplicaSet within seconds', () => {
    const w = loaded('demo-shop');
    const rs = w.list(T.replicasets, 'shop').filter((r) => r.metadata.name.startsWith('checkout-'));
    const rev3 = rs.find((r) => r.metadata.annotations['deployment.kubernetes.io/revision'] === '3');
    const d = w.store.get(T.deployments, 'shop', 'checkout') as Json;
    const template = structuredClone(rev3.spec.template);
    delete template.metadata.labels['pod-template-hash'];
    d.spec.template = template;
    w.store.update(d);
    w.advance(10);
    const after = w.store.get(T.deployments, 'shop', 'checkout') as Json;
    expect(after.metadata.annotations['deployment.kubernetes.io/revision']).toBe('5');
    expect(after.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3 });
    expect(after.status.conditions.find((c: Json) => c.type === 'Progressing').reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it('bad-rollout-helm: release Secrets helm can read (base64 of base64(gzip(JSON)))', () => {
    const { list } = loaded('bad-rollout-helm');
    const secrets = list(T.secrets, 'bad-rollout-helm').sort(
      (a, b) => Number(a.metadata.labels.version) - Number(b.metadata.labels.version),
    );
    expect(secrets.map((s) => s.metadata.name)).toEqual(
      [1, 2, 3, 4].map((n) => `sh.helm.release.v1.checkout.v${n}`),
    );
    expect(secrets.map((s) => s.metadata.labels.status)).toEqual([
      'superseded',
      'superseded',
      'superseded',
      'deployed',
    ]);
    for (const s of secrets) {
      expect(s.type).toBe('helm.sh/release.v1');
      expect(s.metadata.labels.owner).toBe('helm');
      const inner = Buffer.from(s.data.release, 'base64').toString('utf8');
      const release = JSON.parse(gunzipSync(Buffer.from(inner, 'base64')).toString('utf8'));
      expect(release).toMatchObject({
        name: 'checkout',
        namespace: 'bad-rollout-helm',
        version: Number(s.metadata.labels.version),
      });
      expect(release.manifest).toContain('kind: Deployment');
    }
    const d = list(T.deployments, 'bad-rollout-helm')[0];
    expect(d.metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(d.metadata.annotations['meta.helm.sh/release-name']).toBe('checkout');
  });

  it('statefulset-app: pods ledger-0..2 with a ControllerRevision and revision status', () => {
    const { list } = loaded('statefulset-app');
    expect(
      list(T.pods, 'statefulset-app')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['ledger-0', 'ledger-1', 'ledger-2']);
    const sts = list(T.statefulsets, 'statefulset-app')[0];
    expect(sts.status.updateRevision).toMatch(/^ledger-/);
    expect(list(T.controllerrevisions, 'statefulset-app')[0].revision).toBe(1);
  });

  it('label-only-app: no workload named storefront; its pods carry app.kubernetes.io/name=storefront', () => {
    const { list } = loaded('label-only-app');
    expect(list(T.deployments, 'label-only-app').map((d) => d.metadata.name)).toEqual(['web-v2']);
    expect(
      list(T.pods, 'label-only-app').every(
        (p) =>
          p.metadata.labels['app.kubernetes.io/name'] === 'storefront' && p.metadata.labels.app === 'web',
      ),
    ).toBe(true);
  });
});
