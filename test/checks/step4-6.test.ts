import { describe, expect, it } from 'vitest';
import { networkPolicyCheck } from '../../src/checks/network-policy.js';
import { resourceUsageCheck } from '../../src/checks/resource-usage.js';
import { rolloutHistoryCheck } from '../../src/checks/rollout-history.js';
import {
  crashLoopStatus,
  deployment,
  forbidden,
  networkPolicy,
  notFound,
  ok,
  pod,
  replicaSet,
} from './helpers/builders.js';
import { diagnose } from './helpers/diagnose.js';
import { POD_IPS, healthySnapshot, nginxAccess, nginxError } from './helpers/healthy-snapshot.js';
import type { ClusterSnapshot } from '../../src/k8s/snapshot.js';

/** Revision 4 (checkout-5f6d) crash-loops while revision 3 (checkout-7d9f) still has ready pods. */
function badRollout(): ClusterSnapshot {
  const s = healthySnapshot();
  const dep = deployment('checkout', { revision: 4 });
  s.workload = ok({ kind: 'Deployment', object: dep });
  s.replicaSets = ok([
    replicaSet('checkout-6b8c', 2, { replicas: 0, ready: 0, createdSecondsAgo: 86400 }),
    replicaSet('checkout-7d9f', 3, { replicas: 2, ready: 2, createdSecondsAgo: 7200 }),
    replicaSet('checkout-5f6d', 4, {
      replicas: 1,
      ready: 0,
      image: 'registry.example.com/shop/checkout:1.5.0',
      createdSecondsAgo: 300,
    }),
  ]);
  s.pods = ok([
    pod('checkout-7d9f-abcde', { ip: POD_IPS[0], rs: 'checkout-7d9f' }),
    pod('checkout-7d9f-fghij', { ip: POD_IPS[1], rs: 'checkout-7d9f' }),
    pod('checkout-5f6d-zzzzz', {
      ip: '10.244.3.30',
      rs: 'checkout-5f6d',
      ready: false,
      startedSecondsAgo: 300,
      statuses: [crashLoopStatus('checkout', 5)],
    }),
  ]);
  return s;
}

describe('step 4: resources and timeouts', () => {
  it('pods at 97% of the memory limit with intermittent 502s → resource-exhaustion', async () => {
    const s = healthySnapshot();
    s.podMetrics = ok(
      POD_IPS.map((_, i) => ({
        pod: `checkout-7d9f-${i ? 'fghij' : 'abcde'}`,
        containers: [{ name: 'checkout', cpuMillicores: 490, memoryBytes: 498 * 2 ** 20 }],
      })),
    );
    s.proxy.logs = ok([
      nginxAccess(502),
      nginxAccess(200),
      nginxAccess(200),
      nginxAccess(504, { seconds: 2.1 }),
    ]);
    const d = await diagnose(s);
    expect(d.check('resource-usage').evidence[0]).toBe(
      'checkout-7d9f-abcde/checkout: memory 498Mi of 512Mi (97%), cpu 490m of 500m (98%)',
    );
    expect(d.verdict.cause).toBe('resource-exhaustion');
  });

  it('hot pods without 502s → warn only; verdict stays healthy', async () => {
    const s = healthySnapshot();
    s.podMetrics = ok([
      {
        pod: 'checkout-7d9f-abcde',
        containers: [{ name: 'checkout', cpuMillicores: 480, memoryBytes: 100 * 2 ** 20 }],
      },
    ]);
    const d = await diagnose(s);
    expect(d.check('resource-usage').status).toBe('warn');
    expect(d.verdict.cause).toBe('healthy');
  });

  it('metrics-server not installed (404) → skipped', () => {
    const s = healthySnapshot();
    s.podMetrics = notFound('pods.metrics.k8s.io');
    expect(resourceUsageCheck.run(s)).toMatchObject({ status: 'skipped' });
    expect(resourceUsageCheck.run(s).summary).toContain('metrics-server is not installed');
  });

  it('504s at ≈ the 5s proxy-read-timeout annotation with Ready pods → proxy-timeout-too-low', async () => {
    const s = healthySnapshot();
    s.ingresses = ok([
      {
        ...(s.ingresses.ok ? s.ingresses.value[0]! : {}),
        metadata: {
          name: 'checkout',
          namespace: 'shop',
          annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '5' },
        },
      },
    ]);
    s.proxy.logs = ok([
      nginxError(
        'upstream timed out (110: Connection timed out) while reading response header from upstream',
      ),
      nginxAccess(504, { seconds: 5.001 }),
      nginxAccess(200, { seconds: 3.2 }),
    ]);
    s.healthProbe = ok({
      via: 'service-proxy',
      url: '/api/v1/namespaces/shop/services/checkout:http/proxy/healthz',
      status: 200,
      durationMs: 4200,
    });
    const d = await diagnose(s);
    expect(d.verdict).toMatchObject({ cause: 'proxy-timeout-too-low', confidence: 'high' });
    expect(d.check('proxy-timeouts').evidence[0]).toBe(
      'ingress checkout: proxy-read-timeout 5s (annotation), proxy-send-timeout 60s, proxy-connect-timeout 5s',
    );
    expect(d.verdict.summary).toContain('nginx.ingress.kubernetes.io/proxy-read-timeout');
  });

  it('ConfigMap default read timeout applies when the Ingress has no annotation', async () => {
    const s = healthySnapshot();
    s.proxy.configMap = ok({
      metadata: { name: 'ingress-nginx-controller' },
      data: { 'proxy-read-timeout': '10' },
    });
    s.proxy.logs = ok([nginxAccess(504, { seconds: 10.002 })]);
    const d = await diagnose(s);
    expect(d.check('proxy-timeouts').evidence[0]).toContain('proxy-read-timeout 10s (ConfigMap)');
    expect(d.verdict.cause).toBe('proxy-timeout-too-low');
  });
});

describe('step 5: network policies', () => {
  it('default-deny + allow from monitoring namespace only → network-policy-blocks-proxy naming the policy', async () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([
      networkPolicy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      networkPolicy('allow-monitoring', {
        podSelector: { matchLabels: { app: 'checkout' } },
        ingress: [
          {
            _from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
            ports: [{ port: 9090 }],
          },
        ],
      }),
    ]);
    s.proxy.logs = ok([
      nginxError('upstream timed out (110: Connection timed out) while connecting to upstream'),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('network-policy-blocks-proxy');
    expect(d.verdict.summary).toContain('NetworkPolicy default-deny');
    const ev = d.check('network-policy').evidence.join('\n');
    expect(ev).toContain(
      'networkpolicy allow-monitoring: selects checkout pods (podSelector app=checkout), from namespaces kubernetes.io/metadata.name=monitoring on port 9090',
    );
    expect(ev).toContain('1 connect timeout(s) in the proxy log');
    // A connect timeout is dropped packets, not a too-short read timeout.
    expect(d.check('proxy-timeouts').status).toBe('ok');
  });

  it('additive: a second policy allowing the ingress-nginx namespace lets traffic through', () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([
      networkPolicy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      networkPolicy('allow-ingress', {
        podSelector: { matchLabels: { app: 'checkout' } },
        ingress: [
          {
            _from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
                podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
              },
            ],
            ports: [{ port: 'http' }],
          },
        ],
      }),
    ]);
    expect(networkPolicyCheck.run(s).status).toBe('ok');
  });

  it('namespace + pod selector in ONE peer requires both: wrong pod labels block', () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([
      networkPolicy('allow-ingress', {
        podSelector: {},
        ingress: [
          {
            _from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
                podSelector: { matchLabels: { app: 'haproxy' } },
              },
            ],
          },
        ],
      }),
    ]);
    expect(networkPolicyCheck.run(s).status).toBe('fail');
  });

  it('ipBlock covering the proxy pod IPs allows; an except carving them out blocks', () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([
      networkPolicy('by-ip', {
        podSelector: {},
        ingress: [{ _from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }],
      }),
    ]);
    expect(networkPolicyCheck.run(s).status).toBe('ok');
    s.networkPolicies = ok([
      networkPolicy('by-ip', {
        podSelector: {},
        ingress: [{ _from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.0.0/22'] } }] }],
      }),
    ]);
    expect(networkPolicyCheck.run(s).status).toBe('fail');
  });

  it('podSelector-only peer means pods of the policy namespace, not the proxy namespace', () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([
      networkPolicy('same-ns', {
        podSelector: {},
        ingress: [
          { _from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }] },
        ],
      }),
    ]);
    expect(networkPolicyCheck.run(s).status).toBe('fail');
  });

  it('egress-only policy does not restrict ingress; wrong port blocks', () => {
    const s = healthySnapshot();
    s.networkPolicies = ok([networkPolicy('egress', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(networkPolicyCheck.run(s).status).toBe('ok');
    s.networkPolicies = ok([
      networkPolicy('ports', { podSelector: {}, ingress: [{ ports: [{ port: 9000, endPort: 9100 }] }] }),
    ]);
    expect(networkPolicyCheck.run(s).summary).toBe('NetworkPolicy ports blocks the proxy from port 8080');
  });

  it('networkpolicies forbidden → error naming the permission', () => {
    const s = healthySnapshot();
    s.networkPolicies = forbidden('list', 'networkpolicies.networking.k8s.io', 'shop');
    expect(networkPolicyCheck.run(s).summary).toBe(
      'cannot list networkpolicies.networking.k8s.io in namespace shop (403): grant list on networkpolicies.networking.k8s.io',
    );
  });
});

describe('step 6: rollout history', () => {
  it('old RS healthy, newest crash-looping → bad-rollout with toRevision 3 (beats crash-loop)', async () => {
    const d = await diagnose(badRollout());
    expect(d.verdict.cause).toBe('bad-rollout');
    expect(d.verdict.actions).toEqual([
      {
        kind: 'rollback',
        target: 'deployment/checkout',
        namespace: 'shop',
        toRevision: 3,
        reason: 'last healthy revision 3',
      },
    ]);
    expect(d.check('container-crashes').status).toBe('fail');
    expect(d.check('rollout-history').evidence[0]).toBe(
      'revision 4 (checkout-5f6d, registry.example.com/shop/checkout:1.5.0, created 15:00:00Z): 0/1 ready',
    );
  });

  it('Helm-managed → helm-rollback to the previous superseded revision', async () => {
    const s = badRollout();
    const w = s.workload.ok ? s.workload.value!.object : undefined;
    w!.metadata!.labels!['app.kubernetes.io/managed-by'] = 'Helm';
    w!.metadata!.annotations!['meta.helm.sh/release-name'] = 'checkout';
    s.helmHistory = ok([
      { name: 'checkout', revision: 6, status: 'superseded', appVersion: '1.4.1' },
      { name: 'checkout', revision: 7, status: 'superseded', appVersion: '1.4.2' },
      { name: 'checkout', revision: 8, status: 'deployed', appVersion: '1.5.0' },
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('bad-rollout');
    expect(d.verdict.actions).toEqual([
      {
        kind: 'helm-rollback',
        target: 'helm/checkout',
        namespace: 'shop',
        release: 'checkout',
        toRevision: 7,
        reason: 'helm rollback checkout 7',
      },
    ]);
  });

  it('Argo CD-managed → no action, verdict.gitops set and the summary says Git', async () => {
    const s = badRollout();
    const w = s.workload.ok ? s.workload.value!.object : undefined;
    w!.metadata!.annotations!['argocd.argoproj.io/tracking-id'] =
      'shop-checkout:apps/Deployment:shop/checkout';
    const d = await diagnose(s);
    expect(d.verdict).toMatchObject({
      cause: 'bad-rollout',
      actions: [],
      gitops: { tool: 'argocd', detail: 'Argo CD application shop-checkout' },
    });
    expect(d.verdict.summary).toContain('reverting the change in Git');
  });

  it('Flux-managed → gitops flux', async () => {
    const s = badRollout();
    if (s.workload.ok)
      s.workload.value!.object.metadata!.labels!['kustomize.toolkit.fluxcd.io/name'] = 'apps';
    expect((await diagnose(s)).verdict.gitops?.tool).toBe('flux');
  });

  it('single revision crash-looping → crash-loop, not bad-rollout', async () => {
    const s = healthySnapshot();
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        rs: 'checkout-7d9f',
        ready: false,
        statuses: [crashLoopStatus('checkout', 5)],
      }),
    ]);
    const d = await diagnose(s);
    expect(d.check('rollout-history').status).toBe('ok');
    expect(d.verdict.cause).toBe('crash-loop');
  });

  it('StatefulSet update revision failing while current revision pods serve → rollback statefulset', () => {
    const s = healthySnapshot();
    s.workload = ok({
      kind: 'StatefulSet',
      object: {
        metadata: { name: 'checkout', namespace: 'shop' },
        spec: {
          serviceName: 'checkout',
          selector: { matchLabels: { app: 'checkout' } },
          template: { metadata: { labels: { app: 'checkout' } } },
        },
        status: { replicas: 2, currentRevision: 'checkout-6d5f', updateRevision: 'checkout-7a8b' },
      },
    });
    s.controllerRevisions = ok([
      { metadata: { name: 'checkout-6d5f' }, revision: 2 },
      { metadata: { name: 'checkout-7a8b' }, revision: 3 },
    ]);
    const oldPod = pod('checkout-0', {
      ip: POD_IPS[0],
      labels: { app: 'checkout', 'controller-revision-hash': 'checkout-6d5f' },
    });
    const newPod = pod('checkout-1', {
      ip: POD_IPS[1],
      ready: false,
      labels: { app: 'checkout', 'controller-revision-hash': 'checkout-7a8b' },
      statuses: [crashLoopStatus('checkout', 3)],
    });
    s.pods = ok([oldPod, newPod]);
    const r = rolloutHistoryCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.proposals?.[0]?.actions).toEqual([
      {
        kind: 'rollback',
        target: 'statefulset/checkout',
        namespace: 'shop',
        toRevision: 2,
        reason: 'last healthy revision 2',
      },
    ]);
  });

  it('replicasets forbidden → error', () => {
    const s = badRollout();
    s.replicaSets = forbidden('list', 'replicasets.apps', 'shop');
    expect(rolloutHistoryCheck.run(s).status).toBe('error');
  });
});
