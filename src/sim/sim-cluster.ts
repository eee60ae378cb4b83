import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { RequestRecord } from './api-server.js';
import type { ForbiddenRule } from './authorize.js';
import type { SimKubeconfigOptions } from './kubeconfig.js';
import type { SimRuntime } from './runtime.js';
import type { KubeObject, Scenario } from './scenario.js';
import type { ServerContext } from './server-context.js';
import { createRequestHandler } from './api-server.js';
import { simKubeconfig } from './kubeconfig.js';
import { MemoryStore } from './store.js';

const log = pino({ name: 'gw502-sim', level: process.env.LOG_LEVEL ?? 'warn' });

export interface SimClusterOptions {
  /** What lies behind the API: controllers, kubelet, logs, service proxy, metrics-server. */
  runtime: SimRuntime;
  /** Scenarios whose objects are loaded at construction and whose `forbidden`/`metricsServer` apply. */
  scenarios?: Scenario[];
  forbidden?: ForbiddenRule[];
  /** Serve metrics.k8s.io (when the runtime also provides metrics). Default true. */
  metricsServer?: boolean;
  /** The sim's clock (creationTimestamps, reconcile, logs). Default: wall clock. */
  now?: () => Date;
  /** Reconcile tick while started. Default 200 ms. */
  reconcileIntervalMs?: number;
}

/**
 * A simulated Kubernetes cluster: an in-memory store behind a real HTTP API server that
 * @kubernetes/client-node, kubectl and helm talk to like a cluster, with the runtime reconciling the
 * world on a timer and after every write.
 */
export class SimCluster {
  readonly store: MemoryStore;
  private readonly runtime: SimRuntime;
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private forbiddenRules: ForbiddenRule[];
  private metrics: boolean;
  private readonly records: RequestRecord[] = [];
  private readonly streams = new Set<() => void>();
  private server: Server | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reconcilePending = false;
  private baseUrl: string | undefined;

  constructor(opts: SimClusterOptions) {
    this.runtime = opts.runtime;
    this.now = opts.now ?? (() => new Date());
    this.intervalMs = opts.reconcileIntervalMs ?? 200;
    this.store = new MemoryStore(this.now);
    this.forbiddenRules = [...(opts.forbidden ?? [])];
    this.metrics = opts.metricsServer ?? true;
    for (const s of opts.scenarios ?? []) {
      this.load(s.objects);
      this.forbiddenRules.push(...(s.forbidden ?? []));
      if (s.metricsServer === false && opts.metricsServer === undefined) this.metrics = false;
    }
  }

  /** Creates the objects in order (replacing any that exist), then reconciles once. */
  load(objects: readonly KubeObject[]): KubeObject[] {
    const out = objects.map((o) => {
      const type = this.store.typeOf(o.apiVersion, o.kind);
      const existing = this.store.peek(type, o.metadata.namespace ?? 'default', o.metadata.name);
      if (!existing) return this.store.create(o);
      return this.store.update({
        ...structuredClone(o),
        metadata: { ...o.metadata, resourceVersion: existing.metadata.resourceVersion },
      });
    });
    this.reconcile();
    return out;
  }

  get forbidden(): readonly ForbiddenRule[] {
    return this.forbiddenRules;
  }

  setForbidden(rules: ForbiddenRule[]): void {
    this.forbiddenRules = [...rules];
  }

  addForbidden(rules: ForbiddenRule[]): void {
    this.forbiddenRules.push(...rules);
  }

  setMetricsServer(enabled: boolean): void {
    this.metrics = enabled;
  }

  /** Every request received since start or the last reset, oldest first. */
  get requests(): readonly RequestRecord[] {
    return [...this.records];
  }

  requestCount(filter?: (r: RequestRecord) => boolean): number {
    return filter ? this.records.filter(filter).length : this.records.length;
  }

  resetRequests(): void {
    this.records.length = 0;
  }

  /** Runs the runtime once now (tests use it to advance the world deterministically). */
  reconcile(): void {
    try {
      this.runtime.reconcile(this.store, this.now());
    } catch (err) {
      log.error({ err }, 'runtime reconcile failed');
    }
  }

  get url(): string {
    if (this.baseUrl === undefined) throw new Error('SimCluster is not started');
    return this.baseUrl;
  }

  async start(port = 0): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('SimCluster already started');
    const ctx: ServerContext = {
      store: this.store,
      runtime: this.runtime,
      now: this.now,
      forbidden: () => this.forbiddenRules,
      metricsServer: () =>
        this.metrics && this.runtime.podMetrics(this.store, 'default', this.now()) !== undefined,
      afterWrite: () => this.scheduleReconcile(),
      trackStream: (end) => {
        this.streams.add(end);
        return () => this.streams.delete(end);
      },
    };
    const server = createServer(createRequestHandler(ctx, (r) => this.records.push(r)));
    // Long-lived watches must not be cut by Node's default request timeouts.
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    this.baseUrl = `http://127.0.0.1:${actual}`;
    this.timer = setInterval(() => this.reconcile(), this.intervalMs);
    this.timer.unref();
    log.info({ url: this.baseUrl }, 'simulated API server listening');
    return { url: this.baseUrl, port: actual };
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const end of [...this.streams]) end();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  kubeconfig(opts: SimKubeconfigOptions = {}): string {
    return simKubeconfig(this.url, opts);
  }

  async writeKubeconfig(path: string, opts: SimKubeconfigOptions = {}): Promise<void> {
    await writeFile(path, this.kubeconfig(opts), { mode: 0o600 });
  }

  private scheduleReconcile(): void {
    if (this.reconcilePending) return;
    this.reconcilePending = true;
    // Coalesce a burst of writes into one reconcile, after the response has been sent.
    setImmediate(() => {
      this.reconcilePending = false;
      this.reconcile();
    });
  }
}
