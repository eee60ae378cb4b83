import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { SimCluster } from '../src/sim/sim-cluster.js';
import { WorldRuntime } from '../src/sim/world-runtime.js';
import type { KubeObject } from '../src/sim/scenario.js';

export interface BenchSim {
  cluster: SimCluster;
  kubeConfig: KubeConfig;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

/** A simulated cluster with the full world runtime, started and reconciled until pods exist. */
export async function startBenchSim(
  objects: KubeObject[],
  opts: { reconcileIntervalMs?: number } = {},
): Promise<BenchSim> {
  const cluster = new SimCluster({ runtime: new WorldRuntime({ seed: 7 }), ...opts });
  cluster.load(objects);
  for (let i = 0; i < 5; i++) cluster.reconcile();
  await cluster.start();
  const dir = await mkdtemp(join(tmpdir(), 'gw502-bench-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfigPath);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(cluster.kubeconfig());
  return { cluster, kubeConfig, kubeconfigPath, stop: () => cluster.stop() };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

export function fmt(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}
