import { describe, expect, it } from 'vitest';
import { parseHaproxyConfig } from '../../../src/proxy/haproxy/parse-haproxy-config.js';

const cfg = `global
  log stdout format raw local0
  pidfile /run/haproxy.pid   # comment
defaults
  mode http
  timeout connect 2s
  timeout server 30s
  timeout http-keep-alive 10s
frontend web
  bind *:80
  bind 127.0.0.1:8443,127.0.0.1:8444
  acl is_shop hdr(host) -i shop.example.com
  use_backend checkout if is_shop
  default_backend api
backend checkout
  timeout server 1500ms
  http-reuse always
  server c1 10.0.0.5:3000 check
  server c2 app.internal:3001
backend api
  option http-server-close
  server a1 [::1]:9000
listen stats
  bind :9090
  http-reuse never
  server s1 127.0.0.1:9100
`;

describe('parseHaproxyConfig', () => {
  const parsed = parseHaproxyConfig(cfg, '/etc/haproxy/haproxy.cfg');
  const route = (name: string) => parsed.routes.find((r) => r.upstream === name)!;

  it('reads binds, pidfile and one route per backend/listen', () => {
    expect(parsed.kind).toBe('haproxy');
    expect(parsed.pidFile).toBe('/run/haproxy.pid');
    expect(parsed.listen).toEqual([
      { host: '*', port: 80 },
      { host: '127.0.0.1', port: 8443 },
      { host: '127.0.0.1', port: 8444 },
      { host: '*', port: 9090 },
    ]);
    expect(parsed.routes.map((r) => r.upstream)).toEqual(['checkout', 'api', 'stats']);
  });
  it('servers, host from the acl, timeouts overriding defaults', () => {
    expect(route('checkout')).toMatchObject({
      host: 'shop.example.com',
      servers: [
        { host: '10.0.0.5', port: 3000 },
        { host: 'app.internal', port: 3001 },
      ],
      timeouts: { connectMs: 2000, readMs: 1500 },
      upstreamKeepalive: true,
      upstreamKeepaliveMs: 10_000,
      source: '/etc/haproxy/haproxy.cfg:15',
    });
  });
  it('http-server-close and http-reuse never turn connection reuse off', () => {
    expect(route('api')).toMatchObject({ servers: [{ host: '::1', port: 9000 }], upstreamKeepalive: false });
    expect(route('api').upstreamKeepaliveMs).toBeUndefined();
    expect(route('stats').upstreamKeepalive).toBe(false);
    expect(route('api').timeouts.readMs).toBe(30_000);
  });
});
