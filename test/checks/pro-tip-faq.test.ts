import { describe, expect, it } from 'vitest';
import { probesCheck } from '../../src/checks/probes.js';
import { upstreamKeepaliveCheck } from '../../src/checks/upstream-keepalive.js';
import { container, event, ok, pod } from './helpers/builders.js';
import { diagnose } from './helpers/diagnose.js';
import { POD_IPS, healthySnapshot, nginxAccess, nginxError } from './helpers/healthy-snapshot.js';

describe('pro tip: probes vs startup', () => {
  it('liveness kills containers before they become ready → slow-startup with a startupProbe suggestion', async () => {
    const s = healthySnapshot();
    const c = container('checkout', {
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
      livenessProbe: {
        httpGet: { path: '/healthz', port: 'http' },
        initialDelaySeconds: 5,
        periodSeconds: 5,
        failureThreshold: 3,
      },
    });
    const status = {
      name: 'checkout',
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 6,
      state: { running: { startedAt: new Date('2026-12-02T15:04:40Z') } },
      lastState: {
        terminated: { exitCode: 137, reason: 'Error', finishedAt: new Date('2026-12-02T15:04:39Z') },
      },
    };
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        rs: 'checkout-7d9f',
        ready: false,
        containers: [c],
        statuses: [status],
      }),
      pod('checkout-7d9f-fghij', {
        ip: POD_IPS[1],
        rs: 'checkout-7d9f',
        ready: false,
        containers: [c],
        statuses: [{ ...status, restartCount: 5 }],
      }),
    ]);
    s.events = ok([
      event(
        'Pod',
        'checkout-7d9f-abcde',
        'Unhealthy',
        'Liveness probe failed: Get "http://10.244.1.15:8080/healthz": dial tcp 10.244.1.15:8080: connect: connection refused',
        { count: 18 },
      ),
      event(
        'Pod',
        'checkout-7d9f-abcde',
        'Killing',
        'Container checkout failed liveness probe, will be restarted',
        { count: 6 },
      ),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('slow-startup');
    const ev = d.check('probes').evidence;
    expect(ev).toContain(
      'checkout: livenessProbe gives up after 20s (initialDelaySeconds 5, periodSeconds 5, failureThreshold 3), no startupProbe',
    );
    expect(ev).toContain(
      'checkout: add startupProbe: httpGet /healthz, failureThreshold 30, periodSeconds 2 (covers 60s of startup)',
    );
    // The same pods look like a crash loop; slow-startup is the more specific explanation.
    expect(d.check('container-crashes').status).not.toBe('ok');
  });

  it('liveness failures + exit 137 restarts without Killing events (Normal, not loaded) → slow-startup', () => {
    const s = healthySnapshot();
    const c = container('checkout', {
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
    });
    const status = {
      name: 'checkout',
      image: 'x',
      imageID: '',
      ready: false,
      restartCount: 9,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 137, reason: 'Error' } },
    };
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        rs: 'checkout-7d9f',
        ready: false,
        containers: [c],
        statuses: [status],
      }),
    ]);
    s.events = ok([
      event('Pod', 'checkout-7d9f-abcde', 'Unhealthy', 'Liveness probe failed: connect: connection refused', {
        count: 27,
      }),
    ]);
    const r = probesCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.evidence[1]).toBe('1 pod(s) killed with exit code 137 (SIGKILL) after failed liveness probes');
    // OOMKilled is exit 137 too, but is not a liveness kill.
    status.lastState.terminated.reason = 'OOMKilled';
    expect(probesCheck.run(s).status).not.toBe('fail');
  });

  it('no readiness probe and proxy errors right after pod start → slow-startup (traffic before ready)', async () => {
    const s = healthySnapshot();
    const c = container('checkout');
    // Pods started 60 s before the snapshot (15:04:00Z); the proxy was refused at 15:04:00Z.
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        rs: 'checkout-7d9f',
        containers: [c],
        startedSecondsAgo: 60,
      }),
    ]);
    s.proxy.logs = ok([
      nginxError(
        'connect() failed (111: Connection refused) while connecting to upstream',
        POD_IPS[0],
        '2026/12/02 15:04:05',
      ),
      nginxAccess(200),
      nginxAccess(200),
    ]);
    const r = probesCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toBe(
      'checkout: no readinessProbe — traffic is sent as soon as the container runs; add readinessProbe: httpGet /healthz, initialDelaySeconds 5, periodSeconds 5',
    );
    const d = await diagnose(s);
    // Refused by a Ready pod with no readiness probe: the probe finding is the more specific one.
    expect(d.verdict.cause).toBe('slow-startup');
  });

  it('no readiness probe and no errors → warn only, verdict healthy', async () => {
    const s = healthySnapshot();
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        rs: 'checkout-7d9f',
        containers: [container('checkout')],
      }),
    ]);
    const d = await diagnose(s);
    expect(d.check('probes').status).toBe('warn');
    expect(d.verdict.cause).toBe('healthy');
  });
});

describe('FAQ: intermittent 502s with healthy pods', () => {
  it('"upstream prematurely closed" among 200s → keepalive-mismatch naming the keep-alive timeout', async () => {
    const s = healthySnapshot();
    s.proxy.configMap = ok({
      metadata: { name: 'ingress-nginx-controller' },
      data: { 'upstream-keepalive-timeout': '60' },
    });
    s.proxy.logs = ok([
      ...Array.from({ length: 30 }, () => nginxAccess(200)),
      nginxError('upstream prematurely closed connection while reading response header from upstream'),
      nginxAccess(502),
      nginxError(
        'recv() failed (104: Connection reset by peer) while reading response header from upstream',
        POD_IPS[1],
      ),
      nginxAccess(502, { ip: `${POD_IPS[1]}:8080` }),
    ]);
    const d = await diagnose(s);
    expect(d.verdict).toMatchObject({ cause: 'keepalive-mismatch', confidence: 'high' });
    expect(d.verdict.summary).toContain('above 60s');
    expect(d.check('upstream-keepalive').evidence).toContain(
      'ingress-nginx reuses upstream connections for 60s (upstream-keepalive-timeout, 320 idle connections kept)',
    );
  });

  it('resets while pods are crash-looping → warn, the pod problem explains them', () => {
    const s = healthySnapshot();
    s.pods = ok([pod('checkout-7d9f-abcde', { ip: POD_IPS[0], rs: 'checkout-7d9f', ready: false })]);
    s.proxy.logs = ok([
      nginxError('recv() failed (104: Connection reset by peer) while reading response header from upstream'),
    ]);
    expect(upstreamKeepaliveCheck.run(s).status).toBe('warn');
  });

  it('healthy pods, proxy 502s with no explanation → unknown, listing the symptoms', async () => {
    const s = healthySnapshot();
    s.proxy.logs = ok([
      nginxError('upstream sent invalid header while reading response header from upstream'),
      nginxAccess(502),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('unknown');
    expect(d.verdict.summary).toContain('proxy-logs');
  });
});
