import { parseConfig } from '../src/config/config.js';
import { diagnoseApp } from '../src/diagnosis/diagnose-app.js';
import { namespace, shopApp, withIngressNginx } from '../src/sim/builders.js';
import type { KubeObject } from '../src/sim/scenario.js';
import { fmt, median, startBenchSim } from './lib.js';

/**
 * API requests and wall time for one diagnosis with 10, 100 and 1000 pods in the namespace.
 * Target: requests at 1000 pods ≤ 1.5× those at 10 (the loader lists by selector, never per pod).
 */
export async function benchDiagnoseScaling(): Promise<void> {
  console.log('\n## Diagnosis cost vs pods in the namespace');
  const rows: { pods: number; requests: number; ms: number }[] = [];
  for (const pods of [10, 100, 1000]) {
    const filler = pods - 3;
    const sim = await startBenchSim(
      [
        ...withIngressNginx(),
        namespace('bench'),
        ...shopApp({ app: 'checkout', namespace: 'bench', replicas: 3, behavior: 'crash-loop' }),
        ...fillerPods(filler),
      ],
      { reconcileIntervalMs: 60_000 },
    );
    try {
      const config = parseConfig({});
      const times: number[] = [];
      let requests = 0;
      for (let i = 0; i < 3; i++) {
        let count = 0;
        const started = performance.now();
        await diagnoseApp({
          app: 'checkout',
          namespace: 'bench',
          kubeConfig: sim.kubeConfig,
          config,
          onRequest: () => count++,
        });
        times.push(performance.now() - started);
        requests = count;
      }
      rows.push({ pods, requests, ms: median(times) });
      console.log(
        `pods=${String(pods).padStart(4)}  API requests=${requests}  wall=${fmt(median(times))} (median of 3)`,
      );
    } finally {
      await sim.stop();
    }
  }
  const r10 = rows[0]?.requests ?? 1;
  const r1000 = rows[2]?.requests ?? 0;
  const ratio = r1000 / r10;
  console.log(
    `requests ratio 1000/10 pods = ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'OK' : 'MISSED'}`,
  );
}

/**
 * Other apps' pods in the same namespace, as running bare pods: the diagnosis must not pay for them.
 * (Bare pods keep the status they are given, so the sim's controllers do not churn 1000 of them.)
 */
function fillerPods(count: number): KubeObject[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `filler-${i}`, namespace: 'bench', labels: { app: `filler-${i % 20}` } },
    spec: { nodeName: 'gw502-worker', containers: [{ name: 'app', image: 'registry.example.com/filler:1' }] },
    status: {
      phase: 'Running',
      podIP: `10.250.${Math.floor(i / 250)}.${(i % 250) + 2}`,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'app',
          ready: true,
          restartCount: 0,
          image: 'registry.example.com/filler:1',
          imageID: '',
          state: { running: { startedAt: new Date().toISOString() } },
        },
      ],
    },
  }));
}
