import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_PATTERN, ERROR_LOG_PATTERN } from '../../../src/sim/behaviors/nginx-log-format.js';
import { T } from '../../../src/sim/controllers/resource-types.js';
import { loadScenario, scenarioByName } from '../../../src/sim/scenarios/index.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { WorldRuntime } from '../../../src/sim/world-runtime.js';
import { T0 } from '../helpers/world.js';

const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ [\w.]+:\d+\] /;
const BANNER = /^(-+|NGINX Ingress controller| {2}\w[\w ]*: +.+|)$/;

function proxyLogs(name: string, req: { tailLines?: number; sinceSeconds?: number } = {}, seed = 7) {
  const s = scenarioByName(name)!;
  const store = new MemoryStore(() => new Date(T0));
  const runtime = new WorldRuntime({ seed, scenario: s });
  loadScenario(store, s);
  runtime.reconcile(store, new Date(T0));
  const pod = store.list(T.pods, 'ingress-nginx')[0]!;
  const lines = runtime.logs(
    store,
    { namespace: 'ingress-nginx', pod: pod.metadata.name, ...req },
    new Date(T0),
  );
  const access = lines.filter((l) => ACCESS_LOG_PATTERN.test(l)).map((l) => ACCESS_LOG_PATTERN.exec(l)!);
  const errors = lines.filter((l) => ERROR_LOG_PATTERN.test(l)).map((l) => ERROR_LOG_PATTERN.exec(l)!);
  const upstream = `${s.namespace}-${s.app}-80`;
  const mine = access.filter((m) => m[13] === upstream);
  return { s, lines, access, errors, mine, statuses: new Set(mine.map((m) => m[7])) };
}

describe('ingress-nginx controller logs', () => {
  it('every line is an access line, an error line, a klog line or the startup banner', () => {
    for (const name of [
      'healthy',
      'upstream-connection-refused',
      'keepalive-mismatch',
      'dns-resolution',
      'distractor-healthy-target',
    ]) {
      const { lines } = proxyLogs(name);
      const odd = lines.filter(
        (l) => !ACCESS_LOG_PATTERN.test(l) && !ERROR_LOG_PATTERN.test(l) && !KLOG.test(l) && !BANNER.test(l),
      );
      expect(odd, name).toEqual([]);
    }
  });

  it('healthy: 200s to <ns>-<svc>-<port> with a pod IP upstream', () => {
    const { mine, statuses } = proxyLogs('healthy');
    expect(mine.length).toBeGreaterThan(100);
    expect([...statuses]).toEqual(['200']);
    expect(mine[0]![15]).toMatch(/^10\.244\.\d+\.\d+:8080$/);
  });

  it('not-listening: 502 with connect() … (111: Connection refused) naming the pod upstream', () => {
    const { statuses, errors } = proxyLogs('upstream-connection-refused');
    expect([...statuses]).toEqual(['502']);
    expect(errors[0]![6]).toBe('connect() failed (111: Connection refused) while connecting to upstream');
    expect(errors[0]![10]).toMatch(/^http:\/\/10\.244\.\d+\.\d+:8080\//);
  });

  it('no ready endpoints: 503 with upstream "-"', () => {
    const { mine, statuses } = proxyLogs('readiness-failing');
    expect([...statuses]).toEqual(['503']);
    expect(mine.every((m) => m[15] === '-')).toBe(true);
  });

  it('proxy-read-timeout 5 with a 30 s app: 504 read timeouts after 5 s', () => {
    const { mine, errors } = proxyLogs('proxy-timeout-too-low');
    expect(mine.every((m) => m[7] === '504' && Number(m[12]) >= 5)).toBe(true);
    expect(errors[0]![6]).toBe(
      'upstream timed out (110: Connection timed out) while reading response header from upstream',
    );
  });

  it('NetworkPolicy without the ingress-nginx namespace: 504 connect timeouts', () => {
    const { statuses, errors } = proxyLogs('network-policy-blocks-proxy');
    expect([...statuses]).toEqual(['504']);
    expect(errors[0]![6]).toBe('upstream timed out (110: Connection timed out) while connecting to upstream');
  });

  it('keep-alive mismatch: mostly 200 with occasional "prematurely closed" 502s', () => {
    const { mine, errors } = proxyLogs('keepalive-mismatch');
    const bad = mine.filter((m) => m[7] === '502').length;
    expect(bad).toBeGreaterThan(5);
    expect(bad / mine.length).toBeLessThan(0.2);
    expect(errors.map((e) => e[6])).toContain(
      'upstream prematurely closed connection while reading response header from upstream',
    );
  });

  it('ExternalName that does not resolve: "could not be resolved (3: Host not found)"', () => {
    const { errors } = proxyLogs('dns-resolution');
    expect(errors[0]![6]).toBe('billing.corp.invalid could not be resolved (3: Host not found)');
  });

  it('bad rollout: 502s only after the new ReplicaSet appeared; the old pods keep answering 200', () => {
    const { mine } = proxyLogs('bad-rollout');
    const bad = mine.filter((m) => m[7] === '502');
    expect(bad.length).toBeGreaterThan(0);
    const rolloutAt = T0 - 900_000;
    const when = (m: RegExpExecArray) =>
      Date.parse(m[3]!.replace(/^(\d+)\/(\w+)\/(\d+):(\d+:\d+:\d+) (.*)$/, '$2 $1 $3 $4 $5'));
    expect(bad.every((m) => when(m) >= rolloutAt)).toBe(true);
    expect(mine.filter((m) => m[7] === '200').length).toBeGreaterThan(bad.length);
  });

  it('honours tailLines and sinceSeconds, and scenario proxyLogLines are included with times near now', () => {
    expect(proxyLogs('healthy', { tailLines: 10 }).lines).toHaveLength(10);
    const recent = proxyLogs('healthy', { sinceSeconds: 60 }).mine;
    expect(recent.length).toBeGreaterThan(5);
    expect(recent.length).toBeLessThan(30);
    const { access } = proxyLogs('distractor-healthy-target');
    expect(
      access.some(
        (m) => m[13] === 'distractor-healthy-target-recs-80' && m[19] === '5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5',
      ),
    ).toBe(true);
  });

  it('is deterministic for a seed and differs for another', () => {
    expect(proxyLogs('resource-exhaustion').lines).toEqual(proxyLogs('resource-exhaustion').lines);
    expect(proxyLogs('resource-exhaustion', {}, 8).lines).not.toEqual(proxyLogs('resource-exhaustion').lines);
  });

  it('a crash-looping controller logs its fatal error instead of traffic', () => {
    const { lines, access } = proxyLogs('proxy-unhealthy');
    expect(access).toEqual([]);
    expect(lines.some((l) => /^F\d{4} .*port 80 is already in use/.test(l))).toBe(true);
  });
});
