import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyHaproxyLogLine,
  parseHaproxyLogLine,
} from '../../../src/proxy/haproxy/classify-haproxy-log-line.js';

// Lines captured from haproxy 2.6 (Debian 12) in front of the misbehaving upstreams of test/host/helpers.
const lines = readFileSync(new URL('../../fixtures/host/haproxy-http-log.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean);
const line = (needle: string): string => lines.find((l) => l.includes(needle))!;

describe('classifyHaproxyLogLine (real haproxy 2.6 lines)', () => {
  it('SC-- 503 after retries → refused, with backend/server', () => {
    const c = classifyHaproxyLogLine(line('GET /refused'));
    expect(c).toMatchObject({
      kind: 'refused',
      status: 503,
      upstreamName: 'refused/s1',
      upstreamResponseMs: 3004,
    });
    expect(c?.time?.toISOString()).toBe('2026-12-02T16:04:39.508Z');
  });
  it('sH-- 504 → timeout', () => {
    expect(classifyHaproxyLogLine(line('GET /slow'))).toMatchObject({ kind: 'timeout', status: 504 });
  });
  it('SH-- 502 → prematurely-closed (server aborted before headers)', () => {
    expect(classifyHaproxyLogLine(line('GET /reset'))).toMatchObject({
      kind: 'prematurely-closed',
      status: 502,
    });
  });
  it('PH-- 502 → invalid-response', () => {
    expect(classifyHaproxyLogLine(line('GET /broken'))).toMatchObject({
      kind: 'invalid-response',
      status: 502,
    });
  });
  it('<NOSRV> 503 → no-live-upstreams even though the state is SC', () => {
    expect(classifyHaproxyLogLine(line('GET /down'))).toMatchObject({
      kind: 'no-live-upstreams',
      status: 503,
    });
  });
  it('a successful request and a client-side bad request are not upstream failures', () => {
    expect(classifyHaproxyLogLine(line('----'))).toBeUndefined();
    expect(classifyHaproxyLogLine(line('<BADREQ>'))).toBeUndefined();
  });
  it('server DOWN messages name the reason', () => {
    expect(classifyHaproxyLogLine(lines[2]!)).toMatchObject({ kind: 'refused', upstreamName: 'down/s1' });
    expect(classifyHaproxyLogLine(lines[3]!)).toMatchObject({
      kind: 'no-live-upstreams',
      upstreamName: 'down',
    });
  });
  it('CD-- is the client aborting during data: not the upstream, even with a 5xx', () => {
    const cd =
      '10.0.0.9:5050 [02/Dec/2026:16:05:00.000] fe app/s1 0/0/1/3/40 502 120 - - CD-- 2/2/1/1/0 0/0 "GET / HTTP/1.1"';
    expect(parseHaproxyLogLine(cd)?.termination).toBe('CD--');
    expect(classifyHaproxyLogLine(cd)).toBeUndefined();
  });
  it('sC-- (connect timeout) → timeout; syslog prefix is tolerated', () => {
    const sc =
      '<134>Dec  2 16:05:00 haproxy[42]: 10.0.0.9:5051 [02/Dec/2026:16:05:00.000] fe app/s1 0/0/-1/-1/5001 503 217 - - sC-- 1/1/0/0/3 0/0 "GET / HTTP/1.1"';
    expect(classifyHaproxyLogLine(sc)).toMatchObject({
      kind: 'timeout',
      status: 503,
      upstreamName: 'app/s1',
    });
  });
  it('a DNS resolution failure marking a server down → resolve', () => {
    const dns =
      'Server app/s1 is going DOWN for maintenance (DNS NX status). 0 active and 0 backup servers left.';
    expect(classifyHaproxyLogLine(dns)).toMatchObject({ kind: 'resolve', upstreamName: 'app/s1' });
  });
  it('unrelated text → undefined', () => {
    expect(classifyHaproxyLogLine('[NOTICE]   (1) : New worker (2) forked')).toBeUndefined();
  });
});
