import type { V1Pod } from '@kubernetes/client-node';
import { parseConfig } from '../src/config/config.js';
import { runGateFlow } from '../src/gate/run-gate-flow.js';
import { namespace, shopApp, withIngressNginx } from '../src/sim/builders.js';
import type { KubeObject, PodBehavior } from '../src/sim/scenario.js';
import { startBenchSim, type BenchSim } from './lib.js';

const NS = 'gate';
const APP = 'checkout';
const TIMEOUT_MS = 5 * 60_000;

/** The first moment a pod of the new revision shows trouble: an exit, a restart, a waiting error, Unschedulable. */
function troubled(pod: V1Pod): boolean {
  const bad = ['CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError'];
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  return (
    scheduled?.reason === 'Unschedulable' ||
    (pod.status?.containerStatuses ?? []).some(
      (c) =>
        c.restartCount > 0 ||
        c.state?.terminated !== undefined ||
        c.lastState?.terminated !== undefined ||
        bad.includes(c.state?.waiting?.reason ?? ''),
    )
  );
}

async function settled(sim: BenchSim): Promise<void> {
  const type = sim.cluster.store.typeOf('apps/v1', 'Deployment');
  for (let i = 0; i < 300; i++) {
    const dep = sim.cluster.store.get(type, NS, APP) as
      { status?: { availableReplicas?: number } } | undefined;
    if (dep?.status?.availableReplicas === 3) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('initial rollout did not settle');
}

/** One bad rollout, real clock: when did the first new pod show trouble, when did the gate report? */
async function measure(
  behavior: PodBehavior,
): Promise<{ behavior: string; firstMs: number; reportMs: number; cause: string }> {
  const objects: KubeObject[] = [
    ...withIngressNginx(),
    namespace(NS),
    ...shopApp({ app: APP, namespace: NS, replicas: 3, image: 'registry.example.com/shop/checkout:1.4.2' }),
  ];
  const sim = await startBenchSim(objects);
  try {
    await settled(sim);
    const store = sim.cluster.store;
    const podType = store.typeOf('v1', 'Pod');
    const before = new Set(store.list(podType, NS).map((p) => p.metadata.name));
    const depType = store.typeOf('apps/v1', 'Deployment');
    const dep = structuredClone(store.get(depType, NS, APP)!) as KubeObject & {
      spec: {
        template: {
          metadata: { annotations?: Record<string, string> };
          spec: { containers: { image: string }[] };
        };
      };
    };
    dep.spec.template.metadata.annotations = {
      ...dep.spec.template.metadata.annotations,
      'sim.gw502.dev/behavior': behavior,
    };
    dep.spec.template.spec.containers[0]!.image = 'registry.example.com/shop/checkout:2.0.0';

    const t0 = Date.now();
    store.update(dep);
    sim.cluster.reconcile();
    let firstMs = -1;
    const spy = setInterval(() => {
      if (firstMs >= 0) return;
      const fresh = store.list(podType, NS).filter((p) => !before.has(p.metadata.name)) as unknown as V1Pod[];
      if (fresh.some(troubled)) firstMs = Date.now() - t0;
    }, 25);
    const result = await runGateFlow({
      app: APP,
      namespace: NS,
      timeoutMs: TIMEOUT_MS,
      kubeConfig: sim.kubeConfig,
      config: parseConfig({}),
    });
    const reportMs = Date.now() - t0;
    clearInterval(spy);
    return { behavior, firstMs, reportMs, cause: result.passed ? 'passed?!' : result.report.verdict.cause };
  } finally {
    await sim.stop();
  }
}

/**
 * How long after the first failing pod the gate reports a bad rollout (report = diagnosis printed),
 * against a 5 min timeout, on the simulated cluster with the real kubelet timings (back-off 10 s, 20 s…).
 * Crash loops are only called failed at the 2nd restart, so their delay includes one back-off.
 */
export async function benchGate(): Promise<void> {
  console.log('\n## gw502 gate: time from the first failing pod to the report (timeout 5m, real clock)');
  const rows = await Promise.all(
    (['image-pull', 'oom', 'crash-loop'] as PodBehavior[]).map((b) => measure(b)),
  );
  for (const r of rows) {
    const delay = r.reportMs - r.firstMs;
    console.log(
      `${r.behavior.padEnd(11)} first failing pod +${(r.firstMs / 1000).toFixed(1)}s  report +${(r.reportMs / 1000).toFixed(1)}s  ` +
        `→ ${(delay / 1000).toFixed(1)} s after the first failure (${((100 * r.reportMs) / TIMEOUT_MS).toFixed(1)}% of the timeout)  verdict ${r.cause}`,
    );
  }
}

// Run directly: `npx tsx bench/gate.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchGate();
