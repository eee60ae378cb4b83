import type { V1Pod } from '@kubernetes/client-node';
import type { KubeClients } from './clients.js';
import { fetched, toFetchError } from './fetched.js';
import { pickFailingContainers } from './failing-containers.js';
import { parseCpu, parseMemory } from './quantity.js';
import type { ContainerLog, Fetched, HealthProbe, PodMetrics } from './snapshot.js';

/**
 * The third round of a snapshot: logs of failing containers and of the proxy, the health probe through
 * the API server, and metrics parsing. Each bounded in request count, whatever the number of pods.
 */

const PROXY_LOG_TAIL = 3000;
const PROXY_LOG_SINCE_SECONDS = 30 * 60;
const APP_LOG_TAIL = 50;
const MAX_PROXY_PODS_LOGGED = 3;

function req(verb: string, resource: string, namespace?: string) {
  return { verb, resource, namespace };
}

export async function loadContainerLogs(
  clients: KubeClients,
  ns: string,
  pods: V1Pod[],
): Promise<ContainerLog[]> {
  const targets = pickFailingContainers(pods);
  const logs = await Promise.all(
    targets.map(async (t) => {
      const text = await fetched(
        clients.core.readNamespacedPodLog({
          name: t.pod,
          namespace: ns,
          container: t.container,
          previous: t.previous,
          tailLines: APP_LOG_TAIL,
        }),
        req('get', 'pods/log', ns),
      );
      if (!text.ok) return undefined;
      return { ...t, lines: splitLines(text.value) };
    }),
  );
  return logs.filter((l) => l !== undefined);
}

export async function loadProxyLogs(
  clients: KubeClients,
  proxyNs: string,
  proxyPods: V1Pod[],
  podsFetch: Fetched<unknown>,
): Promise<Fetched<string[]>> {
  if (!podsFetch.ok) return podsFetch;
  const running = proxyPods.filter((p) => p.status?.phase === 'Running').slice(0, MAX_PROXY_PODS_LOGGED);
  if (running.length === 0) return { ok: true, value: [] };
  const results = await Promise.all(
    running.map((p) =>
      fetched(
        clients.core.readNamespacedPodLog({
          name: p.metadata?.name ?? '',
          namespace: proxyNs,
          container: p.spec?.containers[0]?.name,
          tailLines: PROXY_LOG_TAIL,
          sinceSeconds: PROXY_LOG_SINCE_SECONDS,
        }),
        req('get', 'pods/log', proxyNs),
      ),
    ),
  );
  const failed = results.find((r) => !r.ok);
  if (failed && results.every((r) => !r.ok)) return failed;
  return { ok: true, value: results.flatMap((r) => (r.ok ? splitLines(r.value) : [])) };
}

export async function probeHealth(
  clients: KubeClients,
  ns: string,
  target: { service: string; portRef: string; path: string },
): Promise<Fetched<HealthProbe | undefined>> {
  const url = `/api/v1/namespaces/${ns}/services/${target.portRef}/proxy${target.path}`;
  const started = Date.now();
  try {
    const body = await clients.core.connectGetNamespacedServiceProxyWithPath({
      name: target.portRef,
      namespace: ns,
      path: target.path.replace(/^\//, ''),
    });
    return {
      ok: true,
      value: {
        via: 'service-proxy',
        url,
        status: 200,
        message: excerpt(body),
        durationMs: Date.now() - started,
      },
    };
  } catch (err) {
    const e = toFetchError(err, req('get', 'services/proxy', ns));
    if (e.status === 403) return { ok: false, error: e };
    const durationMs = Date.now() - started;
    if (e.status === 0) {
      // A timeout is the app being slow (evidence); any other transport failure is the probe path itself
      // failing (API server or proxy), which says nothing about the app: the check reports `error`.
      if (e.message !== 'request timed out') return { ok: false, error: e };
      return {
        ok: true,
        value: { via: 'service-proxy', url, message: e.message, durationMs, timedOut: true },
      };
    }
    return {
      ok: true,
      value: { via: 'service-proxy', url, status: e.status, message: excerpt(e.message), durationMs },
    };
  }
}

export function parsePodMetrics(list: object): PodMetrics[] {
  const items =
    (
      list as {
        items?: {
          metadata?: { name?: string };
          containers?: { name: string; usage?: { cpu?: string; memory?: string } }[];
        }[];
      }
    ).items ?? [];
  return items.map((i) => ({
    pod: i.metadata?.name ?? '',
    containers: (i.containers ?? []).map((c) => ({
      name: c.name,
      cpuMillicores: parseCpu(c.usage?.cpu ?? '0'),
      memoryBytes: parseMemory(c.usage?.memory ?? '0'),
    })),
  }));
}

function splitLines(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return text.split('\n').filter((l) => l.length > 0);
}

function excerpt(text: unknown, max = 300): string {
  const s = typeof text === 'string' ? text : JSON.stringify(text);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
