import type { V1ConfigMap, V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeClients } from './clients.js';
import { fetched, fetchedOptional, valueOr } from './fetched.js';
import { pickHealthProbeTarget } from './health-probe-target.js';
import { decodeHelmReleaseSecret } from './helm-release.js';
import { labelSelectorToString } from './label-selector.js';
import type { ClusterSnapshot, Fetched, ProxySnapshot } from './snapshot.js';
import { loadContainerLogs, loadProxyLogs, parsePodMetrics, probeHealth } from './snapshot-logs-and-probe.js';

export interface LoadSnapshotOptions {
  app: string;
  namespace: string;
  proxy: { namespace: string; deployment: string };
  clients: KubeClients;
  /** Clients with the runbook's 5 s timeout, for the health probe. */
  probeClients: KubeClients;
  now?: () => Date;
}

/**
 * Fetch everything one diagnosis needs, once, in parallel, with label/field selectors. Three dependent
 * rounds (workload → its pods/history → logs/probe); the number of requests does not grow with pods.
 */
export async function loadSnapshot(opts: LoadSnapshotOptions): Promise<ClusterSnapshot> {
  const { app, namespace: ns, clients } = opts;
  const { core, apps, networking, discovery, custom } = clients;
  const proxyNs = opts.proxy.namespace;

  // Round 1: everything addressable by name or namespace.
  const [
    deployment,
    statefulSet,
    podsByApp,
    podsByName,
    services,
    endpointSlices,
    ingresses,
    networkPolicies,
    events,
    namespaceObj,
    podMetrics,
    proxyDeployment,
    proxyNamespace,
  ] = await Promise.all([
    fetchedOptional(
      apps.readNamespacedDeployment({ name: app, namespace: ns }),
      req('get', 'deployments.apps', ns),
    ),
    fetchedOptional(
      apps.readNamespacedStatefulSet({ name: app, namespace: ns }),
      req('get', 'statefulsets.apps', ns),
    ),
    fetched(core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` }), req('list', 'pods', ns)),
    fetched(
      core.listNamespacedPod({ namespace: ns, labelSelector: `app.kubernetes.io/name=${app}` }),
      req('list', 'pods', ns),
    ),
    fetched(core.listNamespacedService({ namespace: ns }), req('list', 'services', ns)),
    fetched(
      discovery.listNamespacedEndpointSlice({ namespace: ns }),
      req('list', 'endpointslices.discovery.k8s.io', ns),
    ),
    fetched(
      networking.listNamespacedIngress({ namespace: ns }),
      req('list', 'ingresses.networking.k8s.io', ns),
    ),
    fetched(
      networking.listNamespacedNetworkPolicy({ namespace: ns }),
      req('list', 'networkpolicies.networking.k8s.io', ns),
    ),
    fetched(
      core.listNamespacedEvent({ namespace: ns, fieldSelector: 'type=Warning' }),
      req('list', 'events', ns),
    ),
    fetchedOptional(core.readNamespace({ name: ns }), req('get', 'namespaces')),
    fetched(
      custom.listNamespacedCustomObject({
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        namespace: ns,
        plural: 'pods',
      }),
      req('list', 'pods.metrics.k8s.io', ns),
    ),
    fetchedOptional(
      apps.readNamespacedDeployment({ name: opts.proxy.deployment, namespace: proxyNs }),
      req('get', 'deployments.apps', proxyNs),
    ),
    fetchedOptional(core.readNamespace({ name: proxyNs }), req('get', 'namespaces')),
  ]);

  assertReachable([deployment, podsByApp, services, namespaceObj]);

  const workload: ClusterSnapshot['workload'] = pickWorkload(deployment, statefulSet);
  const workloadObj = workload.ok ? workload.value?.object : undefined;
  const workloadSelector = labelSelectorToString(workloadObj?.spec?.selector);
  const helmRelease = workloadObj?.metadata?.annotations?.['meta.helm.sh/release-name'];
  const proxyDep = proxyDeployment.ok ? proxyDeployment.value : undefined;
  const proxySelector = labelSelectorToString(proxyDep?.spec?.selector);

  // Round 2: what depends on the workload's and the proxy's selectors.
  const [workloadPods, replicaSets, controllerRevisions, helmSecrets, proxyPods, proxyConfigMap] =
    await Promise.all([
      workloadSelector
        ? fetched(
            core.listNamespacedPod({ namespace: ns, labelSelector: workloadSelector }),
            req('list', 'pods', ns),
          )
        : undefined,
      workload.ok && workload.value?.kind === 'Deployment' && workloadSelector
        ? fetched(
            apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: workloadSelector }),
            req('list', 'replicasets.apps', ns),
          ).then((r) => mapFetched(r, (l) => l.items.filter((rs) => ownedBy(rs, workloadObj?.metadata?.uid))))
        : Promise.resolve<Fetched<never[]>>({ ok: true, value: [] }),
      workload.ok && workload.value?.kind === 'StatefulSet' && workloadSelector
        ? fetched(
            apps.listNamespacedControllerRevision({ namespace: ns, labelSelector: workloadSelector }),
            req('list', 'controllerrevisions.apps', ns),
          ).then((r) => mapFetched(r, (l) => l.items.filter((cr) => ownedBy(cr, workloadObj?.metadata?.uid))))
        : Promise.resolve<Fetched<never[]>>({ ok: true, value: [] }),
      helmRelease
        ? fetched(
            core.listNamespacedSecret({ namespace: ns, labelSelector: `owner=helm,name=${helmRelease}` }),
            req('list', 'secrets', ns),
          )
        : undefined,
      proxySelector
        ? fetched(
            core.listNamespacedPod({ namespace: proxyNs, labelSelector: proxySelector }),
            req('list', 'pods', proxyNs),
          )
        : Promise.resolve<Fetched<{ items: V1Pod[] }>>(
            proxyDeployment.ok ? { ok: true, value: { items: [] } } : proxyDeployment,
          ),
      proxyDep
        ? fetchedOptional(
            core.readNamespacedConfigMap({ name: configMapName(proxyDep), namespace: proxyNs }),
            req('get', 'configmaps', proxyNs),
          )
        : Promise.resolve<Fetched<V1ConfigMap | undefined>>({ ok: true, value: undefined }),
    ]);

  const pods = mergePods(workloadPods, podsByApp, podsByName, Boolean(workloadSelector));
  const podList = valueOr(pods, []);
  const servicesList = valueOr(
    mapFetched(services, (l) => l.items),
    [],
  );
  const ingressList = valueOr(
    mapFetched(ingresses, (l) => l.items),
    [],
  );
  const proxyPodList = valueOr(
    mapFetched(proxyPods, (l) => l.items),
    [],
  );
  const probeTarget = pickHealthProbeTarget(app, podList, servicesList, ingressList);

  // Round 3: logs and the health probe, bounded in count.
  const [containerLogs, proxyLogs, healthProbe] = await Promise.all([
    loadContainerLogs(clients, ns, podList),
    loadProxyLogs(clients, proxyNs, proxyPodList, proxyPods),
    probeTarget
      ? probeHealth(opts.probeClients, ns, probeTarget)
      : Promise.resolve({ ok: true as const, value: undefined }),
  ]);

  const proxy: ProxySnapshot = {
    namespace: proxyNs,
    deploymentName: opts.proxy.deployment,
    deployment: proxyDeployment,
    pods: mapFetched(proxyPods, (l) => l.items),
    namespaceLabels: mapFetched(proxyNamespace, (n) => n?.metadata?.labels ?? {}),
    logs: proxyLogs,
    configMap: proxyConfigMap,
  };

  return {
    app,
    namespace: ns,
    workload,
    replicaSets,
    controllerRevisions,
    pods,
    services: mapFetched(services, (l) => l.items),
    endpointSlices: mapFetched(endpointSlices, (l) => l.items),
    ingresses: mapFetched(ingresses, (l) => l.items),
    networkPolicies: mapFetched(networkPolicies, (l) => l.items),
    events: mapFetched(events, (l) => l.items),
    podMetrics: mapFetched(podMetrics, parsePodMetrics),
    namespaceLabels: mapFetched(namespaceObj, (n) => n?.metadata?.labels ?? {}),
    namespaceExists: namespaceExists(namespaceObj, podList, servicesList, workload),
    containerLogs,
    helmHistory: helmSecrets
      ? mapFetched(helmSecrets, (l) =>
          l.items
            .map(decodeHelmReleaseSecret)
            .filter((r) => r !== undefined)
            .sort((a, b) => a.revision - b.revision),
        )
      : { ok: true, value: [] },
    proxy,
    healthProbe,
    takenAt: opts.now?.() ?? new Date(),
  };
}

/**
 * A namespace GET answering 404 means it does not exist — unless objects were listed in it anyway (an API
 * server that does not serve namespaces): then trust what was found.
 */
function namespaceExists(
  ns: Fetched<unknown>,
  pods: V1Pod[],
  services: unknown[],
  workload: ClusterSnapshot['workload'],
): boolean | undefined {
  if (!ns.ok) return undefined;
  if (ns.value !== undefined) return true;
  const anything = pods.length > 0 || services.length > 0 || (workload.ok && workload.value !== undefined);
  return anything ? undefined : false;
}

function req(verb: string, resource: string, namespace?: string) {
  return { verb, resource, namespace };
}

function mapFetched<T, U>(f: Fetched<T>, fn: (v: T) => U): Fetched<U> {
  return f.ok ? { ok: true, value: fn(f.value) } : f;
}

/** When nothing answered at all, the cluster is unreachable: that is exit 2, not a report. */
function assertReachable(results: Fetched<unknown>[]): void {
  const failures = results.filter((r): r is Extract<Fetched<unknown>, { ok: false }> => !r.ok);
  if (failures.length === results.length && failures.every((f) => f.error.status === 0)) {
    throw new ClusterUnreachableError(failures[0]?.error.message ?? 'no answer');
  }
  const unauthorized = failures.find((f) => f.error.status === 401);
  if (unauthorized && failures.length === results.length) {
    throw new ClusterUnreachableError(`unauthorized (401): ${unauthorized.error.message}`);
  }
}

export class ClusterUnreachableError extends Error {
  override name = 'ClusterUnreachableError';
}

function pickWorkload(
  deployment: Fetched<V1Deployment | undefined>,
  statefulSet: Fetched<V1StatefulSet | undefined>,
): ClusterSnapshot['workload'] {
  if (deployment.ok && deployment.value)
    return { ok: true, value: { kind: 'Deployment', object: deployment.value } };
  if (statefulSet.ok && statefulSet.value) {
    return { ok: true, value: { kind: 'StatefulSet', object: statefulSet.value } };
  }
  if (!deployment.ok) return deployment;
  if (!statefulSet.ok) return statefulSet;
  return { ok: true, value: undefined };
}

function ownedBy(
  obj: { metadata?: { ownerReferences?: { uid: string }[] } },
  uid: string | undefined,
): boolean {
  return uid !== undefined && (obj.metadata?.ownerReferences ?? []).some((o) => o.uid === uid);
}

/** The workload's own selector wins; without a workload, pods labelled app= or app.kubernetes.io/name=. */
function mergePods(
  workloadPods: Fetched<{ items: V1Pod[] }> | undefined,
  byApp: Fetched<{ items: V1Pod[] }>,
  byName: Fetched<{ items: V1Pod[] }>,
  haveWorkload: boolean,
): Fetched<V1Pod[]> {
  if (haveWorkload && workloadPods) return mapFetched(workloadPods, (l) => l.items);
  if (!byApp.ok && !byName.ok) return byApp;
  const seen = new Map<string, V1Pod>();
  for (const p of [
    ...valueOr(
      mapFetched(byApp, (l) => l.items),
      [],
    ),
    ...valueOr(
      mapFetched(byName, (l) => l.items),
      [],
    ),
  ]) {
    seen.set(p.metadata?.name ?? '', p);
  }
  return { ok: true, value: [...seen.values()] };
}

/** ingress-nginx reads its ConfigMap from `--configmap=<ns>/<name>`; the chart names it like the deployment. */
function configMapName(dep: V1Deployment): string {
  const args = dep.spec?.template.spec?.containers.flatMap((c) => c.args ?? []) ?? [];
  const arg = args.find((a) => a.startsWith('--configmap='));
  const value = arg?.slice('--configmap='.length);
  return value?.split('/').pop() || (dep.metadata?.name ?? 'ingress-nginx-controller');
}
