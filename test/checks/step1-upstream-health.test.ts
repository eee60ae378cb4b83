import { describe, expect, it } from 'vitest';
import { containerCrashesCheck } from '../../src/checks/container-crashes.js';
import { logExcerptCheck } from '../../src/checks/log-excerpt.js';
import { warningEventsCheck } from '../../src/checks/warning-events.js';
import { workloadFoundCheck } from '../../src/checks/workload-found.js';
import {
  crashLoopStatus,
  event,
  forbidden,
  ingress,
  ok,
  pod,
  readyStatus,
  service,
} from './helpers/builders.js';
import { diagnose } from './helpers/diagnose.js';
import { healthySnapshot, nginxAccess } from './helpers/healthy-snapshot.js';

describe('step 1: upstream health', () => {
  it('healthy app → verdict healthy with high confidence, every check ok/skipped', async () => {
    const d = await diagnose(healthySnapshot());
    expect(d.verdict).toMatchObject({ cause: 'healthy', confidence: 'high', actions: [] });
    expect(d.results.filter((r) => r.status === 'fail' || r.status === 'error')).toEqual([]);
  });

  it('no workload and no pods → app-not-found naming what was looked for', async () => {
    const s = healthySnapshot();
    s.workload = ok(undefined);
    s.pods = ok([]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('app-not-found');
    expect(d.check('workload-found').evidence.join('\n')).toContain('no pods labelled app=checkout');
  });

  it('no workload but an ExternalName Service named like the app → warn, not app-not-found', () => {
    const s = healthySnapshot();
    s.workload = ok(undefined);
    s.pods = ok([]);
    const ext = service('checkout', undefined);
    ext.spec = { type: 'ExternalName', externalName: 'checkout.legacy.internal' };
    s.services = ok([ext]);
    const r = workloadFoundCheck.run(s);
    expect(r.status).toBe('warn');
    expect(r.summary).toBe(
      'checkout runs outside the cluster: Service checkout is ExternalName → checkout.legacy.internal',
    );
  });

  it("distractor: an app sharing the name prefix (checkout-worker) is not this app's Ingress or logs", async () => {
    const s = healthySnapshot();
    s.ingresses = ok([
      ...(s.ingresses.ok ? s.ingresses.value : []),
      ingress('checkout-worker', [{ service: 'checkout-worker', port: 80, host: 'worker.example.com' }]),
    ]);
    s.proxy.logs = ok([
      nginxAccess(503, { ip: '', upstream: 'shop-checkout-worker-80' }),
      nginxAccess(502, { ip: '10.244.8.8:8080', upstream: 'shop-checkout-worker-80' }),
    ]);
    const d = await diagnose(s);
    expect(d.check('proxy-logs').status).toBe('ok');
    expect(d.verdict.cause).toBe('healthy');
  });

  it('namespace missing → app-not-found saying so', () => {
    const s = healthySnapshot();
    s.namespaceExists = false;
    const r = workloadFoundCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.proposals?.[0]?.cause).toBe('app-not-found');
    expect(r.summary).toContain('namespace shop does not exist');
  });

  it('workload scaled to 0 → fail with the replica count, verdict unknown (no endpoints, nothing broken)', async () => {
    const s = healthySnapshot();
    if (s.workload.ok && s.workload.value) s.workload.value.object.spec!.replicas = 0;
    s.pods = ok([]);
    s.endpointSlices = ok([]);
    const d = await diagnose(s);
    expect(d.check('workload-found')).toMatchObject({
      status: 'fail',
      summary: 'deployment/checkout is scaled to 0 replicas',
    });
    expect(d.verdict.cause).toBe('unknown');
  });

  it('pods forbidden (403) → error naming the permission, never app-not-found', async () => {
    const s = healthySnapshot();
    s.pods = forbidden('list', 'pods', 'shop');
    s.workload = ok(undefined);
    const d = await diagnose(s);
    expect(d.check('pods-ready')).toMatchObject({
      status: 'error',
      summary: 'cannot list pods in namespace shop (403): grant list on pods',
    });
    expect(d.verdict.cause).not.toBe('app-not-found');
  });

  it('CrashLoopBackOff → crash-loop with the SRE evidence line', async () => {
    const s = healthySnapshot();
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: '10.244.1.15',
        rs: 'checkout-7d9f',
        ready: false,
        statuses: [crashLoopStatus('checkout', 7)],
      }),
      pod('checkout-7d9f-fghij', {
        ip: '10.244.2.16',
        rs: 'checkout-7d9f',
        ready: false,
        statuses: [crashLoopStatus('checkout', 6)],
      }),
    ]);
    const d = await diagnose(s);
    expect(d.check('container-crashes').evidence).toContain(
      'checkout-7d9f-abcde: CrashLoopBackOff, exit code 1 (Error), 7 restarts, last at 15:02:11Z',
    );
    expect(d.verdict.cause).toBe('crash-loop');
    expect(d.verdict.confidence).toBe('high');
  });

  it('a container that restarted once and runs again → warn, not fail', () => {
    const s = healthySnapshot();
    const status = {
      ...readyStatus('checkout'),
      restartCount: 1,
      lastState: { terminated: { exitCode: 2, reason: 'Error' } },
    };
    s.pods = ok([pod('checkout-7d9f-abcde', { ip: '10.244.1.15', rs: 'checkout-7d9f', statuses: [status] })]);
    expect(containerCrashesCheck.run(s).status).toBe('warn');
  });

  it('pod OOMKilled → oom-killed with the container last state and limit as evidence', async () => {
    const s = healthySnapshot();
    const status = crashLoopStatus('checkout', 4, 137, 'OOMKilled');
    const p = pod('checkout-7d9f-abcde', {
      ip: '10.244.1.15',
      rs: 'checkout-7d9f',
      ready: false,
      statuses: [status],
    });
    p.spec!.containers[0]!.resources = { limits: { memory: '512Mi' } };
    s.pods = ok([p]);
    const d = await diagnose(s);
    expect(d.check('oom-killed').evidence[0]).toBe(
      'checkout-7d9f-abcde: CrashLoopBackOff, exit code 137 (OOMKilled), 4 restarts, last at 15:02:11Z, memory limit 512Mi',
    );
    expect(d.check('container-crashes').status).toBe('ok');
    expect(d.verdict).toMatchObject({ cause: 'oom-killed', confidence: 'high' });
    expect(d.verdict.summary).toContain('512Mi');
  });

  it('ImagePullBackOff → image-pull with the kubelet message and the Failed event', async () => {
    const s = healthySnapshot();
    const status = {
      ...readyStatus('checkout'),
      ready: false,
      image: 'registry.example.com/shop/checkout:1.5.0',
      state: {
        waiting: {
          reason: 'ImagePullBackOff',
          message: 'Back-off pulling image "registry.example.com/shop/checkout:1.5.0"',
        },
      },
    };
    s.pods = ok([
      pod('checkout-5f6d-zzzzz', { rs: 'checkout-5f6d', ready: false, phase: 'Pending', statuses: [status] }),
    ]);
    s.events = ok([
      event(
        'Pod',
        'checkout-5f6d-zzzzz',
        'Failed',
        'Failed to pull image "registry.example.com/shop/checkout:1.5.0": rpc error: code = NotFound desc = manifest unknown',
        { count: 4 },
      ),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('image-pull');
    const evidence = d.check('image-pull').evidence.join('\n');
    expect(evidence).toContain('ImagePullBackOff for registry.example.com/shop/checkout:1.5.0');
    expect(evidence).toContain('manifest unknown');
  });

  it('InvalidImageName → image-pull', async () => {
    const s = healthySnapshot();
    const status = {
      ...readyStatus('checkout'),
      ready: false,
      state: {
        waiting: {
          reason: 'InvalidImageName',
          message: 'couldn\'t parse image reference "shop/Checkout:latest"',
        },
      },
    };
    s.pods = ok([
      pod('checkout-5f6d-zzzzz', { rs: 'checkout-5f6d', ready: false, phase: 'Pending', statuses: [status] }),
    ]);
    expect((await diagnose(s)).verdict.cause).toBe('image-pull');
  });

  it('Pending with FailedScheduling insufficient memory → unschedulable naming memory', async () => {
    const s = healthySnapshot();
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        rs: 'checkout-7d9f',
        phase: 'Pending',
        ready: false,
        statuses: [],
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message:
              '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
          },
        ],
      }),
    ]);
    s.events = ok([
      event(
        'Pod',
        'checkout-7d9f-abcde',
        'FailedScheduling',
        '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
        { count: 12 },
      ),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('unschedulable');
    expect(d.verdict.summary).toContain('nodes lack memory');
    expect(d.check('pods-pending').evidence[0]).toContain('3 Insufficient memory');
  });

  it('taints → unschedulable naming taints', async () => {
    const s = healthySnapshot();
    const msg =
      '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        rs: 'checkout-7d9f',
        phase: 'Pending',
        ready: false,
        statuses: [],
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }],
      }),
    ]);
    expect((await diagnose(s)).verdict.summary).toContain('taints');
  });

  it('ReplicaSet FailedCreate "exceeded quota" with no pods → unschedulable (quota)', async () => {
    const s = healthySnapshot();
    s.pods = ok([]);
    s.endpointSlices = ok([]);
    s.events = ok([
      event(
        'ReplicaSet',
        'checkout-7d9f',
        'FailedCreate',
        'Error creating: pods "checkout-7d9f-x2x2x" is forbidden: exceeded quota: shop-quota, requested: limits.memory=512Mi, used: limits.memory=4Gi, limited: limits.memory=4Gi',
        { count: 9 },
      ),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('unschedulable');
    expect(d.verdict.summary).toContain('ResourceQuota');
    expect(d.check('pods-pending').evidence[0]).toContain('exceeded quota: shop-quota');
  });

  it('warning events are summarised by reason with counts', () => {
    const s = healthySnapshot();
    s.events = ok([
      event('Pod', 'checkout-7d9f-abcde', 'BackOff', 'Back-off restarting failed container checkout', {
        count: 12,
      }),
      event('Pod', 'checkout-7d9f-fghij', 'BackOff', 'Back-off restarting failed container checkout', {
        count: 3,
      }),
      event(
        'Pod',
        'checkout-7d9f-abcde',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        { count: 5 },
      ),
    ]);
    const r = warningEventsCheck.run(s);
    expect(r.summary).toBe('BackOff ×15, Unhealthy ×5');
    expect(r.evidence[0]).toMatch(/^BackOff ×15 on 2 object\(s\), last 15:04:00Z: Back-off restarting/);
  });

  it("distractor: another app's crash-loop events do not change the verdict", async () => {
    const s = healthySnapshot();
    s.events = ok([
      event('Pod', 'payments-6c7b-qwert', 'BackOff', 'Back-off restarting failed container payments', {
        count: 40,
      }),
      event('ReplicaSet', 'checkout-db-5d5d', 'FailedCreate', 'Error creating: exceeded quota: shop-quota'),
    ]);
    const d = await diagnose(s);
    expect(d.check('warning-events').status).toBe('ok');
    expect(d.verdict.cause).toBe('healthy');
  });

  it('log excerpt puts error-looking lines first', () => {
    const s = healthySnapshot();
    s.containerLogs = [
      {
        pod: 'checkout-7d9f-abcde',
        container: 'checkout',
        previous: true,
        lines: [
          'starting checkout v1.5.0',
          'listening on :8080',
          'Error: connect ECONNREFUSED 10.96.0.5:5432',
          'shutting down',
        ],
      },
    ];
    const r = logExcerptCheck.run(s);
    expect(r.status).toBe('warn');
    expect(r.evidence[0]).toBe(
      'checkout-7d9f-abcde/checkout (previous): Error: connect ECONNREFUSED 10.96.0.5:5432',
    );
    expect(r.evidence).toHaveLength(4);
  });

  it('events forbidden → warning-events error names the permission', () => {
    const s = healthySnapshot();
    s.events = forbidden('list', 'events', 'shop');
    expect(warningEventsCheck.run(s).summary).toBe(
      'cannot list events in namespace shop (403): grant list on events',
    );
  });
});
