import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { SimRuntime } from '../../src/sim/runtime.js';
import type { KubeObject } from '../../src/sim/scenario.js';
import type { SimClusterOptions } from '../../src/sim/sim-cluster.js';
import { SimCluster } from '../../src/sim/sim-cluster.js';
import { TrivialRuntime } from './trivial-runtime.js';

export interface StartedSim<R extends SimRuntime = SimRuntime> {
  cluster: SimCluster;
  runtime: R;
  url: string;
  /** Path of a kubeconfig file for kubectl/helm (KUBECONFIG=…). */
  kubeconfigPath: string;
  /** A client-node KubeConfig loaded from the same kubeconfig. */
  kubeConfig: KubeConfig;
  stop(): Promise<void>;
}

export interface StartSimOptions<R extends SimRuntime> extends Partial<Omit<SimClusterOptions, 'runtime'>> {
  runtime?: R;
  objects?: KubeObject[];
  user?: string;
}

/**
 * Starts a simulated cluster on an ephemeral port with a kubeconfig written to a temp dir.
 * Without `runtime`, a `TrivialRuntime` (no controllers) is used. Always `await sim.stop()` in afterAll.
 */
export async function startSim<R extends SimRuntime = TrivialRuntime>(
  opts: StartSimOptions<R> = {},
): Promise<StartedSim<R>> {
  const runtime = (opts.runtime ?? new TrivialRuntime()) as R;
  const { objects, user, runtime: _r, ...rest } = opts;
  const cluster = new SimCluster({ ...rest, runtime });
  if (objects) cluster.load(objects);
  const { url } = await cluster.start();
  const dir = await mkdtemp(join(tmpdir(), 'gw502-sim-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await cluster.writeKubeconfig(kubeconfigPath, user !== undefined ? { user } : {});
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(cluster.kubeconfig(user !== undefined ? { user } : {}));
  return {
    cluster,
    runtime,
    url,
    kubeconfigPath,
    kubeConfig,
    stop: async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
