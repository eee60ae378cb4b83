import { execa } from 'execa';
import { startSim, type StartedSim } from '../../helpers/start-sim.js';
import { layerKubectl } from '../../helpers/tools.js';
import { shopApp } from '../../../src/sim/builders.js';
import type { PodBehavior } from '../../../src/sim/scenario.js';
import { shopBase } from '../../../src/sim/scenarios/shop.js';
import { WorldRuntime } from '../../../src/sim/world-runtime.js';

export const NS = 'shop';
export const APP = 'checkout';

/**
 * A simulated cluster with a healthy `checkout` (3 replicas) behind ingress-nginx. `speed` runs the sim's
 * clock faster than the wall clock (kubelet back-offs of 10–20 s become 1–2 s), so a crash loop reaches
 * its second restart within seconds of test time.
 */
export async function startGateSim(opts: { speed?: number; replicas?: number } = {}): Promise<StartedSim> {
  const speed = opts.speed ?? 1;
  const t0 = Date.now();
  const now = speed === 1 ? () => new Date() : () => new Date(t0 + (Date.now() - t0) * speed);
  const sim = await startSim({
    runtime: new WorldRuntime({ seed: 8 }),
    now,
    reconcileIntervalMs: 100,
    objects: [
      ...shopBase(NS),
      ...shopApp({
        app: APP,
        namespace: NS,
        replicas: opts.replicas ?? 3,
        image: 'registry.example.com/shop/checkout:1.4.2',
      }),
    ],
  });
  return sim;
}

/** What a pipeline does: `kubectl patch` a new pod template in (new image, and the sim's behaviour knob). */
export async function rollOut(
  sim: StartedSim,
  change: { image: string; behavior?: PodBehavior; progressDeadlineSeconds?: number },
): Promise<void> {
  const kubectl = await layerKubectl();
  const patch = {
    spec: {
      ...(change.progressDeadlineSeconds ? { progressDeadlineSeconds: change.progressDeadlineSeconds } : {}),
      template: {
        metadata: { annotations: { 'sim.gw502.dev/behavior': change.behavior ?? 'ready' } },
        spec: { containers: [{ name: 'app', image: change.image }] },
      },
    },
  };
  await execa(kubectl, [
    '--kubeconfig',
    sim.kubeconfigPath,
    '-n',
    NS,
    'patch',
    'deployment',
    APP,
    '-p',
    JSON.stringify(patch),
  ]);
}

/** Wait until the sim has settled the initial rollout (all replicas available). */
export async function waitSettled(sim: StartedSim, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dep = sim.cluster.store
      .list(sim.cluster.store.typeOf('apps/v1', 'Deployment'), NS)
      .find((d) => d.metadata.name === APP);
    const status = dep?.status as { availableReplicas?: number; updatedReplicas?: number } | undefined;
    if (status?.availableReplicas === 3 && status.updatedReplicas === 3) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sim did not settle');
}
