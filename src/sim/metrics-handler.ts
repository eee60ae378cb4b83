import type { PodMetricsItem } from './runtime.js';
import type { ResourceRequest, ServerContext } from './server-context.js';
import { ApiError } from './api-error.js';
import { sendJson } from './http-io.js';
import { findByPlural } from './resource-types.js';
import { labelPredicate } from './selectors.js';

/** metrics.k8s.io/v1beta1 as metrics-server serves it, from `runtime.podMetrics`. */

const NAMESPACES = findByPlural('', 'v1', 'namespaces');

function notServed(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource');
}

function toPodMetrics(m: PodMetricsItem, labels: unknown, now: Date): Record<string, unknown> {
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      creationTimestamp: now.toISOString(),
      labels: labels ?? {},
    },
    timestamp: now.toISOString(),
    window: '30s',
    containers: m.containers,
  };
}

export function handleMetrics(ctx: ServerContext, r: ResourceRequest): void {
  if (!ctx.metricsServer()) throw notServed();
  const now = ctx.now();
  const { type, namespace, name } = r.path;
  if (type.plural === 'nodes') {
    // The runtime models no node metrics; an empty list is what a fresh metrics-server answers.
    if (name !== undefined)
      throw new ApiError(404, 'NotFound', `nodemetrics.metrics.k8s.io "${name}" not found`);
    sendJson(r.res, 200, {
      kind: 'NodeMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {},
      items: [],
    });
    return;
  }
  const namespaces =
    namespace !== undefined
      ? [namespace]
      : NAMESPACES
        ? ctx.store.peekList(NAMESPACES).map((n) => n.metadata.name)
        : [];
  const items: Record<string, unknown>[] = [];
  const podType = findByPlural('', 'v1', 'pods');
  for (const ns of namespaces) {
    const metrics = ctx.runtime.podMetrics(ctx.store, ns, now);
    if (metrics === undefined) throw notServed();
    for (const m of metrics) {
      const pod = podType ? ctx.store.peek(podType, m.namespace, m.name) : undefined;
      items.push(toPodMetrics(m, pod?.metadata.labels, now));
    }
  }
  const selector = labelPredicate(r.url.searchParams.get('labelSelector') ?? undefined);
  const selected = items.filter((i) =>
    selector({ apiVersion: '', kind: '', metadata: i.metadata as { name: string } }),
  );
  if (name !== undefined) {
    const one = selected.find((i) => (i.metadata as { name: string }).name === name);
    if (!one) throw new ApiError(404, 'NotFound', `podmetrics.metrics.k8s.io "${name}" not found`);
    sendJson(r.res, 200, one);
    return;
  }
  sendJson(r.res, 200, {
    kind: 'PodMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items: selected,
  });
}
