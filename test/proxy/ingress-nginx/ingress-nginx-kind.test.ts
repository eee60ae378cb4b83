import { describe, expect, it } from 'vitest';
import { ingressNginxKind } from '../../../src/proxy/ingress-nginx/ingress-nginx-kind.js';
import { parseSeconds } from '../../../src/proxy/ingress-nginx/read-ingress-nginx-config.js';
import { proxyKind } from '../../../src/proxy/registry.js';
import { endpointSlice, ingress } from '../../checks/helpers/builders.js';

describe('ingress-nginx proxy kind', () => {
  it('is registered under its id', () => {
    expect(proxyKind('ingress-nginx')).toBe(ingressNginxKind);
  });

  it('routes carry the <ns>-<svc>-<port> upstream, ready servers and annotation timeouts over ConfigMap', () => {
    const config = ingressNginxKind.readConfig({
      ingresses: [
        ingress('checkout', [{ service: 'checkout', port: 80, path: '/api' }], {
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '120',
        }),
      ],
      configMap: { data: { 'proxy-connect-timeout': '3', 'upstream-keepalive-timeout': '30' } },
      endpointSlices: [
        endpointSlice('checkout', [
          { ip: '10.244.1.15', ready: true },
          { ip: '10.244.2.16', ready: false },
        ]),
      ],
    });
    expect(config.routes).toEqual([
      {
        host: 'shop.example.com',
        path: '/api',
        upstream: 'shop-checkout-80',
        servers: [{ host: '10.244.1.15', port: 8080 }],
        timeouts: { connectMs: 3000, readMs: 120_000, sendMs: 60_000 },
        upstreamKeepalive: true,
        upstreamKeepaliveMs: 30_000,
        source: 'ingress shop/checkout',
      },
    ]);
  });

  it('named service ports give <ns>-<svc>-<name> upstreams; keep-alive off with 0 connections', () => {
    const config = ingressNginxKind.readConfig({
      ingresses: [ingress('checkout', [{ service: 'checkout', port: 'http' }])],
      configMap: { data: { 'upstream-keepalive-connections': '0' } },
    });
    expect(config.routes[0]).toMatchObject({ upstream: 'shop-checkout-http', upstreamKeepalive: false });
  });

  it('classifies both error-log and access-log lines of the controller', () => {
    expect(
      ingressNginxKind.classifyLogLine(
        '2026/12/02 15:04:00 [error] 31#31: *1 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1, server: a, request: "GET / HTTP/1.1", upstream: "http://10.244.1.15:8080/", host: "a"',
      )?.kind,
    ).toBe('timeout');
    expect(
      ingressNginxKind.classifyLogLine(
        '10.0.0.1 - - [02/Dec/2026:15:04:00 +0000] "GET / HTTP/1.1" 502 150 "-" "curl" 78 0.002 [shop-checkout-80] [] 10.244.1.15:8080 0 0.001 502 abc',
      ),
    ).toMatchObject({ kind: 'status-5xx', upstreamName: 'shop-checkout-80' });
    expect(
      ingressNginxKind.classifyLogLine('I1202 15:04:00.000000 7 store.go:440] "Found valid IngressClass"'),
    ).toBeUndefined();
  });

  it.each([
    ['60', 60],
    ['60s', 60],
    ['2m', 120],
    ['500ms', 0.5],
    ['soon', undefined],
  ])('parseSeconds(%j) = %j', (input, expected) => {
    expect(parseSeconds(input)).toBe(expected);
  });
});
