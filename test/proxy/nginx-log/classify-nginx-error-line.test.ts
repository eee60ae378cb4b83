import { describe, expect, it } from 'vitest';
import { classifyNginxErrorLine } from '../../../src/proxy/nginx-log/classify-nginx-error-line.js';

const prefix = '2026/12/02 15:02:11 [error] 31#31: *4412 ';
const tail =
  ', client: 10.244.0.1, server: shop.example.com, request: "GET /cart HTTP/1.1", upstream: "http://10.244.1.15:8080/cart", host: "shop.example.com"';

describe('classifyNginxErrorLine', () => {
  it('connect() refused → refused, with upstream address, host and UTC time', () => {
    const c = classifyNginxErrorLine(
      `${prefix}connect() failed (111: Connection refused) while connecting to upstream${tail}`,
    );
    expect(c).toMatchObject({ kind: 'refused', upstreamAddr: '10.244.1.15:8080', host: 'shop.example.com' });
    expect(c?.time?.toISOString()).toBe('2026-12-02T15:02:11.000Z');
  });

  it.each([
    ['recv() failed (104: Connection reset by peer) while reading response header from upstream', 'reset'],
    [
      'upstream prematurely closed connection while reading response header from upstream',
      'prematurely-closed',
    ],
    ['upstream timed out (110: Connection timed out) while reading response header from upstream', 'timeout'],
    ['upstream sent invalid header while reading response header from upstream', 'invalid-response'],
    ['upstream sent too big header while reading response header from upstream', 'invalid-response'],
  ])('%s → %s', (message, kind) => {
    expect(classifyNginxErrorLine(`${prefix}${message}${tail}`)?.kind).toBe(kind);
  });

  it('no live upstreams names the upstream block (host nginx)', () => {
    const c = classifyNginxErrorLine(
      `${prefix}no live upstreams while connecting to upstream, client: 10.0.0.9, server: app, request: "GET / HTTP/1.1", upstream: "http://checkout_backend/", host: "app"`,
    );
    expect(c).toMatchObject({ kind: 'no-live-upstreams', upstreamName: 'checkout_backend' });
  });

  it('ingress-nginx upstream_balancer is not taken as an upstream name', () => {
    const c = classifyNginxErrorLine(
      `${prefix}no live upstreams while connecting to upstream, client: 10.0.0.9, server: app, request: "GET / HTTP/1.1", upstream: "http://upstream_balancer/", host: "app"`,
    );
    expect(c?.upstreamName).toBeUndefined();
  });

  it('could not be resolved → resolve naming the host', () => {
    const c = classifyNginxErrorLine(
      `${prefix}checkout.shop.svc.cluster.local could not be resolved (3: Host not found), client: 10.0.0.9, server: app, request: "GET / HTTP/1.1", host: "app"`,
    );
    expect(c).toMatchObject({ kind: 'resolve', upstreamName: 'checkout.shop.svc.cluster.local' });
  });

  it('host not found in upstream (config test) → resolve', () => {
    const c = classifyNginxErrorLine(
      '2026/12/02 15:02:11 [emerg] 1#1: host not found in upstream "backend.internal:8080" in /etc/nginx/conf.d/app.conf:3',
    );
    expect(c).toMatchObject({ kind: 'resolve', upstreamName: 'backend.internal:8080' });
  });

  it.each([
    'I1202 15:02:11.123456       7 controller.go:190] "Backend successfully reloaded"',
    '2026/12/02 15:02:11 [notice] 31#31: signal process started',
    '10.244.0.1 - - [02/Dec/2026:15:02:11 +0000] "GET / HTTP/1.1" 502 150 "-" "curl/8" 78 0.002 [shop-checkout-80] [] 10.244.1.15:8080 0 0.001 502 abc',
    '',
  ])('not an upstream error: %s', (line) => {
    expect(classifyNginxErrorLine(line)).toBeUndefined();
  });
});
