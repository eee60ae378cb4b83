import { describe, expect, it } from 'vitest';
import { endpointsReadyCheck } from '../../src/checks/endpoints-ready.js';
import { healthProbeCheck } from '../../src/checks/health-probe.js';
import { targetPortCheck } from '../../src/checks/target-port.js';
import { container, endpointSlice, event, ingress, ok, pod, service } from './helpers/builders.js';
import { diagnose } from './helpers/diagnose.js';
import { POD_IPS, healthySnapshot, nginxError } from './helpers/healthy-snapshot.js';

describe('step 2: direct connectivity', () => {
  it('Service selector matches no pod → selector-mismatch with selector vs pod labels', async () => {
    const s = healthySnapshot();
    s.services = ok([service('checkout', { app: 'checkout-api' })]);
    s.endpointSlices = ok([endpointSlice('checkout', [])]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('selector-mismatch');
    expect(d.check('service-selects-pods').evidence[0]).toBe(
      'service checkout selector app=checkout-api matches no checkout pod (pods carry app=checkout,pod-template-hash=7d9f); the Ingress routes to it',
    );
    expect(d.verdict.summary).toContain('fix the Service selector');
  });

  it('Service routed to by the Ingress under another name, selecting nothing → selector-mismatch', async () => {
    const s = healthySnapshot();
    s.services = ok([service('shop-web', { app: 'web' })]);
    s.ingresses = ok([ingress('checkout', [{ service: 'shop-web', port: 80 }])]);
    expect((await diagnose(s)).verdict.cause).toBe('selector-mismatch');
  });

  it('named targetPort missing from the containers → target-port-mismatch', async () => {
    const s = healthySnapshot();
    s.services = ok([
      service('checkout', { app: 'checkout' }, [{ port: 80, targetPort: 'web', name: 'http' }]),
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('target-port-mismatch');
    expect(d.check('target-port').evidence[0]).toBe(
      'service checkout port 80 → targetPort "web": no container port named web (declared: checkout http:8080)',
    );
  });

  it('numeric targetPort not declared, no other evidence → warn only', () => {
    const s = healthySnapshot();
    s.services = ok([service('checkout', { app: 'checkout' }, [{ port: 80, targetPort: 9090 }])]);
    for (const p of s.pods.ok ? s.pods.value : [])
      p.spec!.containers[0]!.readinessProbe = { exec: { command: ['true'] } };
    const r = targetPortCheck.run(s);
    expect(r.status).toBe('warn');
    expect(r.proposals?.[0]).toMatchObject({ cause: 'target-port-mismatch', confidence: 'low' });
  });

  it('numeric targetPort undeclared while probes use 8080 and the proxy is refused at :9090 → fail', async () => {
    const s = healthySnapshot();
    s.services = ok([service('checkout', { app: 'checkout' }, [{ port: 80, targetPort: 9090 }])]);
    s.endpointSlices = ok([
      endpointSlice(
        'checkout',
        POD_IPS.map((ip) => ({ ip, ready: true })),
        9090,
      ),
    ]);
    s.proxy.logs = ok([
      nginxError('connect() failed (111: Connection refused) while connecting to upstream').replace(
        ':8080',
        ':9090',
      ),
      nginxError(
        'connect() failed (111: Connection refused) while connecting to upstream',
        POD_IPS[1],
      ).replace(':8080', ':9090'),
    ]);
    const d = await diagnose(s);
    expect(d.check('target-port').status).toBe('fail');
    expect(d.check('target-port').evidence[0]).toContain(
      'probes use port 8080; the proxy is refused at pod port 9090',
    );
    // More specific than the generic "refused" finding.
    expect(d.check('connection-refused').status).toBe('fail');
    expect(d.verdict.cause).toBe('target-port-mismatch');
  });

  it('pods Ready, proxy refused at the pod IPs on the declared port → upstream-connection-refused', async () => {
    const s = healthySnapshot();
    s.proxy.logs = ok([
      nginxError('connect() failed (111: Connection refused) while connecting to upstream'),
      nginxError('connect() failed (111: Connection refused) while connecting to upstream', POD_IPS[1]),
    ]);
    s.healthProbe = ok({
      via: 'service-proxy',
      url: '/api/v1/namespaces/shop/services/checkout:http/proxy/healthz',
      status: 503,
      message: 'error trying to reach service: dial tcp 10.244.1.15:8080: connect: connection refused',
      durationMs: 3,
    });
    const d = await diagnose(s);
    expect(d.verdict).toMatchObject({ cause: 'upstream-connection-refused', confidence: 'high' });
    expect(d.check('connection-refused').evidence[0]).toBe(
      'refused ×1 at 10.244.1.15:8080 (checkout-7d9f-abcde, Ready), last 15:04:00Z',
    );
    expect(d.check('health-probe').status).toBe('fail');
  });

  it('refused at pods that are not ready → not upstream-connection-refused (pod health explains it)', async () => {
    const s = healthySnapshot();
    s.pods = ok([pod('checkout-7d9f-abcde', { ip: POD_IPS[0], rs: 'checkout-7d9f', ready: false })]);
    s.proxy.logs = ok([
      nginxError('connect() failed (111: Connection refused) while connecting to upstream'),
    ]);
    const d = await diagnose(s);
    expect(d.check('connection-refused').status).toBe('warn');
    expect(d.verdict.cause).not.toBe('upstream-connection-refused');
  });

  it('no ready endpoints while pods run but fail readiness → readiness-failing', async () => {
    const s = healthySnapshot();
    s.pods = ok([
      pod('checkout-7d9f-abcde', { ip: POD_IPS[0], rs: 'checkout-7d9f', ready: false }),
      pod('checkout-7d9f-fghij', { ip: POD_IPS[1], rs: 'checkout-7d9f', ready: false }),
    ]);
    s.endpointSlices = ok([
      endpointSlice(
        'checkout',
        POD_IPS.map((ip) => ({ ip, ready: false })),
      ),
    ]);
    s.events = ok([
      event(
        'Pod',
        'checkout-7d9f-abcde',
        'Unhealthy',
        'Readiness probe failed: HTTP probe failed with statuscode: 503',
        { count: 30 },
      ),
    ]);
    const d = await diagnose(s);
    expect(d.verdict).toMatchObject({ cause: 'readiness-failing', confidence: 'high' });
    expect(d.check('endpoints-ready').evidence[0]).toBe(
      'EndpointSlice for checkout: 0/2 ready; not ready: 10.244.1.15, 10.244.2.16',
    );
    expect(d.check('pods-ready').evidence).toContain(
      'checkout-7d9f-abcde: Readiness probe failed: HTTP probe failed with statuscode: 503 (×30)',
    );
  });

  it('endpoints all ready → ok with counts', () => {
    expect(endpointsReadyCheck.run(healthySnapshot())).toMatchObject({
      status: 'ok',
      summary: 'checkout: 2/2 endpoints ready',
    });
  });

  it('health probe: timeout, 5xx, ok, and forbidden', () => {
    const s = healthySnapshot();
    s.healthProbe = ok({ via: 'service-proxy', url: '/x', durationMs: 5000, timedOut: true });
    expect(healthProbeCheck.run(s)).toMatchObject({
      status: 'fail',
      evidence: ['GET /x: timed out after 5000 ms'],
    });
    s.healthProbe = ok({
      via: 'service-proxy',
      url: '/x',
      status: 500,
      message: 'internal error',
      durationMs: 8,
    });
    expect(healthProbeCheck.run(s).evidence[0]).toBe('GET /x → 500 in 8 ms: internal error');
    s.healthProbe = ok(undefined);
    expect(healthProbeCheck.run(s).status).toBe('skipped');
    s.healthProbe = {
      ok: false,
      error: {
        status: 403,
        verb: 'get',
        resource: 'services/proxy',
        namespace: 'shop',
        message: 'forbidden',
      },
    };
    expect(healthProbeCheck.run(s).summary).toBe(
      'cannot get services/proxy in namespace shop (403): grant get on services/proxy',
    );
  });

  it('containers declaring ports by another name still match a numeric targetPort', () => {
    const s = healthySnapshot();
    s.services = ok([service('checkout', { app: 'checkout' }, [{ port: 80, targetPort: 8080 }])]);
    s.pods = ok([
      pod('checkout-7d9f-abcde', {
        ip: POD_IPS[0],
        containers: [container('checkout', { ports: [{ name: 'web', containerPort: 8080 }] })],
      }),
    ]);
    expect(targetPortCheck.run(s).status).toBe('ok');
  });
});
