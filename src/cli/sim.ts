import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExitCode } from './index.js';
import type { Scenario } from '../sim/scenario.js';

export interface SimCliOptions {
  scenario?: string[];
  port: number;
  kubeconfig?: string;
}

import type * as scenarioRegistry from '../sim/scenarios/index.js';

type ScenarioRegistry = typeof scenarioRegistry;

async function importRegistry(): Promise<ScenarioRegistry> {
  // A literal specifier, so the bundler includes the registry as a lazy chunk.
  return import('../sim/scenarios/index.js');
}

/** `gw502 sim`: run the simulated cluster until SIGINT/SIGTERM and print how to reach it. */
export async function runSim(opts: SimCliOptions): Promise<ExitCode> {
  let registry: ScenarioRegistry;
  try {
    registry = await importRegistry();
  } catch (err) {
    process.stderr.write(`gw502 sim: ${(err as Error).message}\n`);
    return 2;
  }
  const wanted = opts.scenario ?? registry.defaultScenarioNames ?? registry.scenarios.map((s) => s.name);
  const chosen: Scenario[] = [];
  for (const name of wanted) {
    const s = registry.scenarios.find((x) => x.name === name);
    if (!s) {
      const known = registry.scenarios.map((x) => x.name).join(', ');
      process.stderr.write(`gw502 sim: unknown scenario "${name}" (known: ${known})\n`);
      return 2;
    }
    chosen.push(s);
  }

  const { SimCluster } = await import('../sim/sim-cluster.js');
  // A single scenario gives the runtime its sim-only knobs (extra proxy log lines…).
  const runtime = registry.createSimRuntime(chosen.length === 1 ? chosen[0] : undefined);
  const cluster = new SimCluster({ runtime });
  for (const s of chosen) {
    registry.loadScenario(cluster, s);
    cluster.addForbidden(s.forbidden ?? []);
    if (s.metricsServer === false) cluster.setMetricsServer(false);
  }
  let started: { url: string };
  try {
    started = await cluster.start(opts.port);
  } catch (err) {
    process.stderr.write(`gw502 sim: cannot listen on port ${opts.port}: ${(err as Error).message}\n`);
    return 2;
  }
  const path = opts.kubeconfig ?? join(await mkdtemp(join(tmpdir(), 'gw502-sim-')), 'kubeconfig');
  await cluster.writeKubeconfig(path);
  process.stdout.write(`KUBECONFIG=${path}\n`);
  process.stdout.write(
    `simulated cluster at ${started.url} (scenarios: ${chosen.map((s) => s.name).join(', ')})\n`,
  );

  await new Promise<void>((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await cluster.stop();
  return 0;
}
