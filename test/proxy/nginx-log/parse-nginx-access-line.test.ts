import { describe, expect, it } from 'vitest';
import {
  NGINX_COMBINED_LOG_FORMAT,
  parseNginxAccessFields,
  parseNginxAccessLine,
} from '../../../src/proxy/nginx-log/parse-nginx-access-line.js';

const ingressLine = (status: string, addr: string, rt: string, us: string, reqTime = '0.002'): string =>
  `10.244.0.1 - - [02/Dec/2026:15:02:11 +0000] "GET /cart HTTP/1.1" ${status} 150 "-" "Mozilla/5.0 (X11; Linux)" 78 ${reqTime} [shop-checkout-80] [] ${addr} 0 ${rt} ${us} 5f2c9a`;

describe('parseNginxAccessLine (ingress-nginx default format)', () => {
  it('502 from a pod → status-5xx with upstream name, address and time', () => {
    const c = parseNginxAccessLine(ingressLine('502', '10.244.1.15:8080', '0.001', '502'));
    expect(c).toMatchObject({
      kind: 'status-5xx',
      status: 502,
      upstreamName: 'shop-checkout-80',
      upstreamAddr: '10.244.1.15:8080',
      upstreamStatus: '502',
      upstreamResponseMs: 1,
    });
    expect(c?.time?.toISOString()).toBe('2026-12-02T15:02:11.000Z');
  });

  it('504 after 60 s → timeout with the response time', () => {
    const c = parseNginxAccessLine(ingressLine('504', '10.244.1.15:8080', '60.001', '504', '60.002'));
    expect(c).toMatchObject({ kind: 'timeout', upstreamResponseMs: 60001 });
  });

  it('retried request keeps the last upstream of the list', () => {
    const c = parseNginxAccessLine(
      ingressLine('502', '10.244.1.15:8080, 10.244.1.16:8080', '0.001, 0.002', '502, 502'),
    );
    expect(c).toMatchObject({
      upstreamAddr: '10.244.1.16:8080',
      upstreamStatus: '502, 502',
      upstreamResponseMs: 2,
    });
  });

  it('503 with no upstream address (no endpoints) → no-live-upstreams', () => {
    expect(parseNginxAccessLine(ingressLine('503', '-', '-', '-'))?.kind).toBe('no-live-upstreams');
  });

  it('200 lines are not failures', () => {
    expect(parseNginxAccessLine(ingressLine('200', '10.244.1.15:8080', '0.010', '200'))).toBeUndefined();
    expect(parseNginxAccessFields(ingressLine('200', '10.244.1.15:8080', '0.010', '200'))?.status).toBe(
      '200',
    );
  });

  it('time zones are honoured', () => {
    const line = ingressLine('502', '10.244.1.15:8080', '0.001', '502').replace('+0000', '+0200');
    expect(parseNginxAccessLine(line)?.time?.toISOString()).toBe('2026-12-02T13:02:11.000Z');
  });
});

describe('parseNginxAccessLine with another format', () => {
  it('combined format 502 (host nginx)', () => {
    const c = parseNginxAccessLine(
      '192.168.1.7 - alice [02/Dec/2026:15:02:11 +0000] "POST /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      NGINX_COMBINED_LOG_FORMAT,
    );
    expect(c).toMatchObject({ kind: 'status-5xx', status: 502 });
  });

  it('a custom format with $host and $upstream_addr', () => {
    const format =
      '$remote_addr [$time_local] $host "$request" $status $upstream_addr rt=$upstream_response_time';
    const c = parseNginxAccessLine(
      '10.0.0.1 [02/Dec/2026:15:02:11 +0000] api.example.com "GET / HTTP/1.1" 504 127.0.0.1:9000 rt=30.000',
      format,
    );
    expect(c).toMatchObject({
      kind: 'timeout',
      host: 'api.example.com',
      upstreamAddr: '127.0.0.1:9000',
      upstreamResponseMs: 30000,
    });
  });

  it('a line of another format is not parsed', () => {
    expect(parseNginxAccessLine('garbage 502 line', NGINX_COMBINED_LOG_FORMAT)).toBeUndefined();
  });
});
