import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { upstreamHealthCheck } from '../../src/host/checks/upstream-health.js';
import type { HostSnapshot, UpstreamHealth } from '../../src/host/host-snapshot.js';
import { parseDockerInspect } from '../../src/host/parse-docker-inspect.js';
import { parseJournalJson } from '../../src/host/parse-journal-json.js';
import { parseSystemctlShow } from '../../src/host/parse-systemctl-show.js';

// systemd and docker cannot run in this sandbox: these samples follow the real output formats of
// `systemctl show --property=…`, `journalctl -o json` and `docker inspect` (see test/fixtures/host/README.md).
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/host/${name}`, import.meta.url), 'utf8');

const snapshot = (upstreamHealth: UpstreamHealth): HostSnapshot => ({
  service: 'checkout',
  host: 'web-1',
  healthPath: '/health',
  routes: [],
  upstreamHealth,
  probes: [],
  logs: [],
});

describe('parsing systemd and docker output', () => {
  it('systemctl show → unit state', () => {
    expect(parseSystemctlShow('checkout.service', fixture('systemctl-show-crashloop.txt'))).toEqual({
      kind: 'systemd',
      unit: 'checkout.service',
      loadState: 'loaded',
      activeState: 'activating',
      subState: 'auto-restart',
      result: 'exit-code',
      restarts: 7,
      execMainStatus: 1,
    });
    expect(parseSystemctlShow('x.service', fixture('systemctl-show-not-found.txt')).loadState).toBe(
      'not-found',
    );
  });
  it('journalctl -o json → timestamped messages, byte-array messages decoded', () => {
    const lines = parseJournalJson(fixture('journalctl-crashloop.json'));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('2025-12-02T16:00:00.123Z Error: connect ECONNREFUSED 10.0.3.12:5432');
    expect(lines[3]).toMatch(/restart counter is at 7/);
    expect(lines[4]).toMatch(/^2025-12-02T16:00:05.131Z binary .* output$/);
  });
  it('docker inspect → container state', () => {
    expect(parseDockerInspect('checkout', 'docker', fixture('docker-inspect-oomkilled.json'))).toMatchObject({
      status: 'exited',
      running: false,
      exitCode: 137,
      oomKilled: true,
      restartCount: 0,
      finishedAt: '2026-12-02T15:58:42.090113295Z',
    });
    const running = parseDockerInspect('checkout', 'podman', fixture('docker-inspect-running.json'));
    expect(running?.finishedAt).toBeUndefined();
    expect(parseDockerInspect('checkout', 'docker', '[]')).toBeUndefined();
    expect(parseDockerInspect('checkout', 'docker', 'Error: No such object: checkout')).toBeUndefined();
  });
});

describe('host-upstream-health check', () => {
  const unit = (file: string) => ({
    ...parseSystemctlShow('checkout.service', fixture(file)),
    journal: parseJournalJson(fixture('journalctl-crashloop.json')),
  });
  const container = (file: string) => ({
    ...parseDockerInspect('checkout', 'docker', fixture(file))!,
    logs: ['boom'],
  });

  it('unit in auto-restart with restarts → crash-loop with journal lines as evidence', () => {
    const r = upstreamHealthCheck.run(snapshot(unit('systemctl-show-crashloop.txt')));
    expect(r.status).toBe('fail');
    expect(r.proposals?.[0]).toMatchObject({ cause: 'crash-loop', confidence: 'high' });
    expect(r.evidence.join('\n')).toMatch(/status=1\/FAILURE/);
  });
  it('unit killed with Result=oom-kill → oom-killed', () => {
    const r = upstreamHealthCheck.run(snapshot(unit('systemctl-show-oom.txt')));
    expect(r.proposals?.map((p) => p.cause)).toEqual(['oom-killed']);
  });
  it('active unit → ok', () => {
    expect(upstreamHealthCheck.run(snapshot(unit('systemctl-show-active.txt'))).status).toBe('ok');
  });
  it('container OOMKilled (exit 137) → oom-killed; restarting container → crash-loop; running → ok', () => {
    expect(
      upstreamHealthCheck.run(snapshot(container('docker-inspect-oomkilled.json'))).proposals?.[0]?.cause,
    ).toBe('oom-killed');
    const restarting = upstreamHealthCheck.run(snapshot(container('docker-inspect-restarting.json')));
    expect(restarting.proposals?.[0]?.cause).toBe('crash-loop');
    expect(restarting.evidence[0]).toMatch(/12 restarts/);
    expect(upstreamHealthCheck.run(snapshot(container('docker-inspect-running.json'))).status).toBe('ok');
  });
  it('no systemd / no docker here → skipped, never a failure', () => {
    const r = upstreamHealthCheck.run(snapshot({ unavailable: 'systemd is not available here' }));
    expect(r).toMatchObject({ status: 'skipped', evidence: [] });
  });
});
