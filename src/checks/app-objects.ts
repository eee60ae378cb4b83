import type { V1Ingress, V1Pod, V1Service } from '@kubernetes/client-node';
import type { ClusterSnapshot } from '../k8s/snapshot.js';
import { matchesLabelMap } from '../k8s/label-selector.js';

/** The app's pods, or [] when they could not be listed (checks report that separately). */
export function appPods(snapshot: ClusterSnapshot): V1Pod[] {
  return snapshot.pods.ok ? snapshot.pods.value.filter((p) => !p.metadata?.deletionTimestamp) : [];
}

export function workloadOf(snapshot: ClusterSnapshot) {
  return snapshot.workload.ok ? snapshot.workload.value : undefined;
}

/** Labels the app's pods carry (or would carry: the workload's pod template) — what selectors must match. */
export function appPodLabelSets(snapshot: ClusterSnapshot): Record<string, string>[] {
  const sets = appPods(snapshot).map((p) => p.metadata?.labels ?? {});
  const template = workloadOf(snapshot)?.object.spec?.template.metadata?.labels;
  if (template) sets.push(template);
  return sets;
}

export interface AppService {
  service: V1Service;
  /** The selector matches the app's pods (or its pod template). */
  selectsApp: boolean;
  /** Why we think it is the app's Service. */
  why: 'selector' | 'ingress' | 'name';
}

const isAppLikeName = (name: string | undefined, app: string): boolean =>
  name === app || name === `${app}-svc` || name === `${app}-service`;

function ingressServiceNames(ingress: V1Ingress): string[] {
  const names = new Set<string>();
  const d = ingress.spec?.defaultBackend?.service?.name;
  if (d) names.add(d);
  for (const rule of ingress.spec?.rules ?? [])
    for (const p of rule.http?.paths ?? []) if (p.backend.service?.name) names.add(p.backend.service.name);
  return [...names];
}

/**
 * The app's Services: those whose selector matches its pods, plus — so a broken selector is still found —
 * Services named like the app and Services the app's Ingress routes to.
 */
export function findAppServices(snapshot: ClusterSnapshot): AppService[] {
  if (!snapshot.services.ok) return [];
  const labelSets = appPodLabelSets(snapshot);
  const ingressNamed = snapshot.ingresses.ok
    ? snapshot.ingresses.value.filter(
        (i) =>
          isAppLikeName(i.metadata?.name, snapshot.app) || i.metadata?.name === `${snapshot.app}-ingress`,
      )
    : [];
  const routedNames = new Set(ingressNamed.flatMap(ingressServiceNames));
  const result: AppService[] = [];
  for (const service of snapshot.services.value) {
    const name = service.metadata?.name;
    const selectsApp = labelSets.some((l) => matchesLabelMap(l, service.spec?.selector));
    if (selectsApp) result.push({ service, selectsApp, why: 'selector' });
    else if (name && routedNames.has(name)) result.push({ service, selectsApp, why: 'ingress' });
    else if (isAppLikeName(name, snapshot.app)) result.push({ service, selectsApp, why: 'name' });
  }
  return result;
}

/** Ingresses that route to one of the app's Services, or are named like the app. */
export function findAppIngresses(snapshot: ClusterSnapshot): V1Ingress[] {
  if (!snapshot.ingresses.ok) return [];
  const svcNames = new Set(findAppServices(snapshot).map((s) => s.service.metadata?.name));
  return snapshot.ingresses.value.filter(
    (i) =>
      // No prefix matching: `cart-worker` is another app, not `cart`.
      ingressServiceNames(i).some((n) => svcNames.has(n)) ||
      isAppLikeName(i.metadata?.name, snapshot.app) ||
      i.metadata?.name === `${snapshot.app}-ingress`,
  );
}

export { ingressServiceNames };

/** Names of the workload, its ReplicaSets and pods: what the app's events are about. */
export function appObjectNames(snapshot: ClusterSnapshot): { exact: Set<string>; podPrefixes: string[] } {
  const exact = new Set<string>();
  const podPrefixes: string[] = [];
  const w = workloadOf(snapshot);
  if (w?.object.metadata?.name) {
    exact.add(w.object.metadata.name);
    if (w.kind === 'StatefulSet') podPrefixes.push(`${w.object.metadata.name}-`);
  }
  for (const rs of snapshot.replicaSets.ok ? snapshot.replicaSets.value : []) {
    if (rs.metadata?.name) {
      exact.add(rs.metadata.name);
      podPrefixes.push(`${rs.metadata.name}-`);
    }
  }
  for (const pod of snapshot.pods.ok ? snapshot.pods.value : [])
    if (pod.metadata?.name) exact.add(pod.metadata.name);
  return { exact, podPrefixes };
}
