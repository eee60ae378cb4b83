import { describe, expect, it } from 'vitest';
import { ingressRoutesCheck } from '../../src/checks/ingress-routes.js';
import { proxyHealthCheck } from '../../src/checks/proxy-health.js';
import { proxyLogsCheck } from '../../src/checks/proxy-logs.js';
import { crashLoopStatus, forbidden, ingress, ok, pod, service } from './helpers/builders.js';
import { diagnose } from './helpers/diagnose.js';
import { POD_IPS, healthySnapshot, nginxAccess, nginxError } from './helpers/healthy-snapshot.js';

describe('step 3: the proxy', () => {
  it('Ingress backend names a Service that does not exist → ingress-backend-missing', async () => {
    const s = healthySnapshot();
    s.ingresses = ok([ingress('checkout', [{ service: 'checkout-svc', port: 80 }])]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('ingress-backend-missing');
    expect(d.check('ingress-routes').evidence).toEqual([
      'ingress checkout shop.example.com/ → service checkout-svc:80: no Service checkout-svc in shop',
    ]);
  });

  it('Ingress backend port (by name) not on the Service → ingress-backend-missing listing the ports', () => {
    const s = healthySnapshot();
    s.ingresses = ok([ingress('checkout', [{ service: 'checkout', port: 'https' }])]);
    const r = ingressRoutesCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toBe(
      'ingress checkout shop.example.com/ → service checkout:https: Service checkout has no port https (ports: http:80)',
    );
  });

  it('no Ingress for the app → skipped, not a failure', () => {
    const s = healthySnapshot();
    s.ingresses = ok([ingress('payments', [{ service: 'payments', port: 80 }])]);
    expect(ingressRoutesCheck.run(s).status).toBe('skipped');
  });

  it('controller pods all crash-looping → proxy-unhealthy with a restart-proxy action', async () => {
    const s = healthySnapshot();
    const bad = pod('ingress-nginx-controller-5c8d66c76d-x1', {
      ip: '10.244.0.7',
      ready: false,
      statuses: [crashLoopStatus('controller', 9, 255)],
    });
    bad.metadata!.namespace = 'ingress-nginx';
    s.proxy.pods = ok([bad]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('proxy-unhealthy');
    expect(d.verdict.actions).toEqual([
      {
        kind: 'restart-proxy',
        target: 'deployment/ingress-nginx-controller',
        namespace: 'ingress-nginx',
        reason: 'rolling restart of the ingress controller',
      },
    ]);
    expect(d.check('proxy-health').evidence[0]).toContain(
      'CrashLoopBackOff, exit code 255 (Error), 9 restarts',
    );
  });

  it('proxy deployment not found in the configured namespace → skipped with clear text, verdict unaffected', async () => {
    const s = healthySnapshot();
    s.proxy.deployment = ok(undefined);
    s.proxy.pods = ok([]);
    const d = await diagnose(s);
    expect(d.check('proxy-health').status).toBe('skipped');
    expect(d.check('proxy-health').summary).toContain('set proxy.namespace / proxy.deployment');
    expect(d.verdict.cause).toBe('healthy');
  });

  it('proxy pods forbidden → error naming the permission', () => {
    const s = healthySnapshot();
    s.proxy.pods = forbidden('list', 'pods', 'ingress-nginx');
    expect(proxyHealthCheck.run(s).summary).toBe(
      'cannot list pods in namespace ingress-nginx (403): grant list on pods',
    );
  });

  it('proxy logs: counts per kind with first/last time, attributed by pod IP and upstream name', () => {
    const s = healthySnapshot();
    s.proxy.logs = ok([
      nginxError(
        'upstream prematurely closed connection while reading response header from upstream',
        POD_IPS[0],
        '2026/12/02 15:01:00',
      ),
      nginxError(
        'upstream prematurely closed connection while reading response header from upstream',
        POD_IPS[1],
        '2026/12/02 15:03:30',
      ),
      nginxAccess(502, { time: '02/Dec/2026:15:03:30 +0000' }),
      nginxAccess(200),
      // Another app's errors are not ours.
      nginxError('connect() failed (111: Connection refused) while connecting to upstream', '10.244.9.9'),
      nginxAccess(502, { ip: '10.244.9.9:3000', upstream: 'shop-payments-80' }),
    ]);
    const r = proxyLogsCheck.run(s);
    expect(r.status).toBe('fail');
    expect(r.summary).toBe('3 upstream error(s) for checkout (3 at current pod IPs) among 4 requests');
    expect(r.evidence[0]).toBe(
      'prematurely-closed ×2 at 10.244.1.15:8080, 10.244.2.16:8080, 15:01:00Z–15:03:30Z',
    );
    expect(r.evidence[1]).toBe('status-5xx ×1 (502) at 10.244.1.15:8080, 15:03:30Z–15:03:30Z');
  });

  it('503 with no upstream → evidence explains ingress-nginx answers 503 when no endpoint is ready', () => {
    const s = healthySnapshot();
    s.proxy.logs = ok([nginxAccess(503, { ip: '' })]);
    const r = proxyLogsCheck.run(s);
    expect(r.evidence.join('\n')).toContain('it answers 503, not 502');
  });

  it('errors attributed only by name and older than the current pods are "before the current pods"', () => {
    const s = healthySnapshot();
    // Pods started 3600 s before 15:05 → 14:05; this 502 is from 13:00, at an IP no pod has now.
    s.proxy.logs = ok([nginxAccess(502, { ip: '10.244.7.7:8080', time: '02/Dec/2026:13:00:00 +0000' })]);
    const r = proxyLogsCheck.run(s);
    expect(r.status).toBe('warn');
    expect(r.summary).toBe('1 upstream error(s), all from before the current pods');
  });

  it('proxy logs forbidden → error naming pods/log', () => {
    const s = healthySnapshot();
    s.proxy.logs = forbidden('get', 'pods/log', 'ingress-nginx');
    expect(proxyLogsCheck.run(s)).toMatchObject({
      status: 'error',
      summary: 'cannot get pods/log in namespace ingress-nginx (403): grant get on pods/log',
    });
  });

  it('DNS: the proxy cannot resolve the ExternalName target → dns-resolution', async () => {
    const s = healthySnapshot();
    const ext = service('checkout-legacy', undefined, [{ port: 80 }]);
    ext.spec = { type: 'ExternalName', externalName: 'checkout.legacy.internal', ports: [{ port: 80 }] };
    s.services = ok([...(s.services.ok ? s.services.value : []), ext]);
    s.ingresses = ok([ingress('checkout', [{ service: 'checkout-legacy', port: 80 }])]);
    s.proxy.logs = ok([
      '2026/12/02 15:04:10 [error] 31#31: *88 checkout.legacy.internal could not be resolved (3: Host not found), client: 10.244.0.1, server: shop.example.com, request: "GET / HTTP/1.1", host: "shop.example.com"',
      '2026/12/02 15:04:20 [error] 31#31: *89 checkout.legacy.internal could not be resolved (3: Host not found), client: 10.244.0.1, server: shop.example.com, request: "GET / HTTP/1.1", host: "shop.example.com"',
    ]);
    const d = await diagnose(s);
    expect(d.verdict.cause).toBe('dns-resolution');
    expect(d.verdict.summary).toContain('checkout.legacy.internal');
    expect(d.check('dns-resolution').evidence).toContain(
      "service checkout-legacy is ExternalName → checkout.legacy.internal (resolved by the proxy's DNS)",
    );
  });
});
