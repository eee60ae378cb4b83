import { execa } from 'execa';
import { parseConfig } from '../src/config/config.js';
import { diagnoseApp } from '../src/diagnosis/diagnose-app.js';
import { namespace, shopApp, withIngressNginx } from '../src/sim/builders.js';
import { fmt, median, startBenchSim } from './lib.js';

const RUNS = 5;

/**
 * One full diagnosis as a whole `gw502 diagnose --json` process vs the runbook's read-only kubectl commands
 * run one after another on the same simulated cluster; plus the same diagnosis in a warm worker.
 */
export async function benchDiagnoseVsKubectl(): Promise<void> {
  console.log('\n## gw502 diagnose vs the runbook typed by hand (kubectl), same simulated cluster');
  const sim = await startBenchSim([
    ...withIngressNginx(),
    namespace('shop'),
    ...shopApp({
      app: 'checkout',
      namespace: 'shop',
      behavior: 'crash-loop',
      history: [{ behavior: 'ready', image: 'registry.example.com/shop/checkout:1.4.1' }],
    }),
  ]);
  const env = { ...process.env, KUBECONFIG: sim.kubeconfigPath };
  try {
    const pods = await execa('kubectl', ['get', 'pods', '-n', 'shop', '-l', 'app=checkout', '-o', 'name'], {
      env,
    });
    const pod = pods.stdout.split('\n')[0]?.replace('pod/', '') ?? 'checkout';
    // The runbook's read-only steps 1–6, as an engineer would type them.
    const runbook: string[][] = [
      ['get', 'pods', '-n', 'shop', '--selector=app=checkout'],
      ['describe', 'pod', pod, '-n', 'shop'],
      ['logs', pod, '-n', 'shop', '--tail=50', '--previous'],
      ['get', 'svc', '-n', 'shop', 'checkout'],
      ['get', '--raw', '/api/v1/namespaces/shop/services/checkout:http/proxy/ready'],
      ['logs', '-n', 'ingress-nginx', 'deploy/ingress-nginx-controller', '--tail=100'],
      ['top', 'pods', '-n', 'shop'],
      ['get', 'ingress', 'checkout', '-n', 'shop', '-o', 'yaml'],
      ['get', 'networkpolicy', '-n', 'shop'],
      ['describe', 'networkpolicy', '-n', 'shop'],
      ['rollout', 'history', 'deployment/checkout', '-n', 'shop'],
    ];
    const kubectlTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      for (const args of runbook) await execa('kubectl', args, { env, reject: false });
      kubectlTimes.push(performance.now() - started);
    }
    const gwTimes: number[] = [];
    let cause = '';
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const r = await execa('node', ['bin/gw502.js', 'diagnose', 'checkout', 'shop', '--json'], {
        env,
        reject: false,
      });
      gwTimes.push(performance.now() - started);
      cause = (JSON.parse(r.stdout) as { verdict: { cause: string } }).verdict.cause;
    }
    const kubectlMs = median(kubectlTimes);
    const gwMs = median(gwTimes);
    console.log(
      `kubectl runbook (${runbook.length} commands, sequential): ${fmt(kubectlMs)} (median of ${RUNS})`,
    );
    console.log(`gw502 diagnose --json (whole process, verdict ${cause}): ${fmt(gwMs)} (median of ${RUNS})`);
    const ratio = kubectlMs / gwMs;
    console.log(`gw502 is ${ratio.toFixed(1)}× faster (target ≥ 5×) ${ratio >= 5 ? 'OK' : 'MISSED'}`);

    const config = parseConfig({});
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await diagnoseApp({ app: 'checkout', namespace: 'shop', kubeConfig: sim.kubeConfig, config });
      warm.push(performance.now() - started);
    }
    console.log(`warm worker diagnosis (no process start): ${fmt(median(warm))} median of 20`);
  } finally {
    await sim.stop();
  }
}
