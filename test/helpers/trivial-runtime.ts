import type { LogRequest, PodMetricsItem, ProxyAnswer, SimRuntime } from '../../src/sim/runtime.js';

/**
 * A runtime with no world behind it: reconcile does nothing, logs and proxy answers come from maps the
 * test fills, metrics are absent unless set. For testing the API server alone.
 */
export class TrivialRuntime implements SimRuntime {
  /** `ns/pod/container` (or `ns/pod/container/previous`) → lines. */
  readonly logLines = new Map<string, string[]>();
  /** `ns/services|pods/name:port/path` (port may be empty) → answer. */
  readonly proxyAnswers = new Map<string, ProxyAnswer>();
  /** Namespace → pod metrics; metrics-server is absent while this is undefined. */
  metrics: Map<string, PodMetricsItem[]> | undefined;
  reconciles = 0;
  readonly logRequests: LogRequest[] = [];

  reconcile(): void {
    this.reconciles++;
  }

  logs(_store: unknown, req: LogRequest): string[] {
    this.logRequests.push(req);
    const key = `${req.namespace}/${req.pod}/${req.container ?? ''}${req.previous ? '/previous' : ''}`;
    const lines = this.logLines.get(key);
    if (!lines) {
      throw Object.assign(new Error(`container "${req.container ?? ''}" in pod "${req.pod}" is not valid`), {
        statusCode: 400,
      });
    }
    return req.tailLines !== undefined ? lines.slice(-req.tailLines) : lines;
  }

  proxy(
    _store: unknown,
    t: { namespace: string; resource: 'services' | 'pods'; name: string; port?: string; path: string },
  ): ProxyAnswer {
    return (
      this.proxyAnswers.get(`${t.namespace}/${t.resource}/${t.name}:${t.port ?? ''}${t.path}`) ?? {
        kind: 'unreachable',
        message: `error trying to reach service: dial tcp 10.96.0.99:80: connect: connection refused`,
      }
    );
  }

  podMetrics(_store: unknown, namespace: string): PodMetricsItem[] | undefined {
    return this.metrics ? (this.metrics.get(namespace) ?? []) : undefined;
  }
}
