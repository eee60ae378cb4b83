import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ForbiddenRule } from './authorize.js';
import type { ResourcePath } from './parse-resource-path.js';
import type { SimRuntime } from './runtime.js';
import type { MemoryStore } from './store.js';

/** What every request handler of the simulated API server may use. */
export interface ServerContext {
  store: MemoryStore;
  runtime: SimRuntime;
  now(): Date;
  forbidden(): readonly ForbiddenRule[];
  /** metrics.k8s.io served (metrics-server "installed"). */
  metricsServer(): boolean;
  /** Called after every successful write through the API (schedules a reconcile). */
  afterWrite(): void;
  /** Registers an open watch so `stop()` can end it; returns the unregister function. */
  trackStream(end: () => void): () => void;
}

/** One resource request, resolved. */
export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  path: ResourcePath;
  user: string;
}
