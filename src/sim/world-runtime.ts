import type { LogRequest, PodMetricsItem, ProxyAnswer, SimRuntime, SimStore } from './runtime.js';
import type { Scenario } from './scenario.js';
import { reconcileWorld } from './controllers/reconcile-world.js';
import { WorldMemory } from './controllers/world-memory.js';
import { podLogs } from './behaviors/pod-logs.js';
import { proxyRequest } from './behaviors/health-proxy.js';
import { podMetricsFor } from './behaviors/pod-metrics.js';

export interface WorldRuntimeOptions {
  /** Seeds every random choice (pod names, IPs, traffic): same seed + same `now` = same world. */
  seed?: number;
  /** The scenario's sim knobs: proxy log lines and whether metrics-server exists. */
  scenario?: Pick<Scenario, 'proxyLogLines' | 'metricsServer'>;
}

/** The simulated world behind the sim API server: controllers, kubelet, apps, metrics, ingress-nginx. */
export class WorldRuntime implements SimRuntime {
  readonly memory: WorldMemory;

  constructor(private readonly opts: WorldRuntimeOptions = {}) {
    this.memory = new WorldMemory(opts.seed ?? 502);
  }

  reconcile(store: SimStore, now: Date): void {
    reconcileWorld(store, this.memory, now.getTime());
  }

  logs(store: SimStore, req: LogRequest, now: Date): string[] {
    return podLogs(store, this.memory, req, now.getTime(), this.opts.scenario?.proxyLogLines ?? []);
  }

  proxy(
    store: SimStore,
    target: { namespace: string; resource: 'services' | 'pods'; name: string; port?: string; path: string },
    now: Date,
  ): ProxyAnswer {
    return proxyRequest(store, this.memory, target, now.getTime());
  }

  podMetrics(store: SimStore, namespace: string, now: Date): PodMetricsItem[] | undefined {
    if (this.opts.scenario?.metricsServer === false) return undefined;
    return podMetricsFor(store, this.memory, namespace, now.getTime());
  }
}
