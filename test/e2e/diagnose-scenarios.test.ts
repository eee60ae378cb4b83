import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnosis/report.js';
import { scenarios } from '../../src/sim/scenarios/index.js';
import { SimCluster } from '../../src/sim/sim-cluster.js';
import { WorldRuntime } from '../../src/sim/world-runtime.js';
import type { Scenario } from '../../src/sim/scenario.js';

/**
 * Every scenario of the simulated cluster, diagnosed through the real CLI binary as an outside harness
 * would: `gw502 diagnose <app> <ns> --json`, KUBECONFIG pointing at the sim.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gw502-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function diagnoseScenario(s: Scenario, extraArgs: string[] = []) {
  const cluster = new SimCluster({ runtime: new WorldRuntime({ scenario: s }), scenarios: [s] });
  await cluster.start();
  const kubeconfig = join(dir, `${s.name}.kubeconfig`);
  await cluster.writeKubeconfig(kubeconfig);
  try {
    // Let the controllers roll out and the kubelet restart crash-looping pods a few times.
    await new Promise((r) => setTimeout(r, 300));
    const r = await execa('node', ['bin/gw502.js', 'diagnose', s.app, s.namespace, '--json', ...extraArgs], {
      env: { ...process.env, KUBECONFIG: kubeconfig, GW502_CONFIG: '' },
      reject: false,
    });
    return r;
  } finally {
    await cluster.stop();
  }
}

describe('gw502 diagnose on every simulated scenario', () => {
  it('covers every cause of the contract with at least one scenario', () => {
    const covered = new Set(scenarios.map((s) => s.expectedCause));
    const missing = CAUSES.filter((c) => c !== 'unknown' && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const r = await diagnoseScenario(s);
    expect(r.stderr).not.toMatch(/could not diagnose/);
    const report = JSON.parse(r.stdout) as {
      verdict: { cause: string; confidence: string; summary: string };
      checks: { id: string; status: string; evidence: string[] }[];
    };
    expect(report.verdict.cause, `${s.name}: ${report.verdict.summary}`).toBe(s.expectedCause);
    expect(r.exitCode).toBe(s.expectedCause === 'healthy' ? 0 : 1);
    for (const c of report.checks) {
      if (c.status === 'fail') expect(c.evidence.length, `${c.id} fail without evidence`).toBeGreaterThan(0);
    }
  });
});

describe('gw502 diagnose bad input and unreachable cluster', () => {
  it('rejects an invalid app name before any API call (exit 2, one line)', async () => {
    const r = await execa('node', ['bin/gw502.js', 'diagnose', 'Checkout_App', 'shop'], {
      env: { ...process.env, KUBECONFIG: '/nonexistent' },
      reject: false,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/invalid app name "Checkout_App"/);
  });

  it('rejects an invalid namespace', async () => {
    const r = await execa('node', ['bin/gw502.js', 'diagnose', 'checkout', '-shop'], { reject: false });
    expect(r.exitCode).toBe(2);
  });

  it('exits 2 with a one-line reason when the cluster does not answer', async () => {
    const cluster = new SimCluster({ runtime: new WorldRuntime() });
    await cluster.start();
    const kubeconfig = join(dir, 'dead.kubeconfig');
    await cluster.writeKubeconfig(kubeconfig);
    await cluster.stop();
    const r = await execa('node', ['bin/gw502.js', 'diagnose', 'checkout', 'shop', '--json'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      reject: false,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unreachable/);
    expect(r.stdout).toBe('');
  });
});
