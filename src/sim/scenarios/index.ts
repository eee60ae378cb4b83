import type { SimRuntime, SimStore } from '../runtime.js';
import type { KubeObject, Scenario } from '../scenario.js';
import { WorldRuntime } from '../world-runtime.js';
import { appNotFound } from './app-not-found.js';
import { badRollout } from './bad-rollout.js';
import { badRolloutArgocd } from './bad-rollout-argocd.js';
import { badRolloutHelm } from './bad-rollout-helm.js';
import { crashLoop } from './crash-loop.js';
import { demoShop } from './demo-shop.js';
import { distractorPrefixNames } from './distractor-healthy-app-label.js';
import { distractorHealthyTarget } from './distractor-healthy-target.js';
import { distractorNeighbourRollout } from './distractor-neighbour-rollout.js';
import { distractorOomTarget } from './distractor-oom-target.js';
import { dnsResolution } from './dns-resolution.js';
import { healthy } from './healthy.js';
import { imagePull } from './image-pull.js';
import { ingressBackendMissing } from './ingress-backend-missing.js';
import { ingressBackendMissingPort } from './ingress-backend-missing-port.js';
import { keepaliveMismatch } from './keepalive-mismatch.js';
import { labelOnlyApp } from './label-only-app.js';
import { networkPolicyBlocksProxy } from './network-policy-blocks-proxy.js';
import { oomKilled } from './oom-killed.js';
import { proxyTimeoutTooLow } from './proxy-timeout-too-low.js';
import { proxyUnhealthy } from './proxy-unhealthy.js';
import { readinessFailing } from './readiness-failing.js';
import { resourceExhaustion } from './resource-exhaustion.js';
import { selectorMismatch } from './selector-mismatch.js';
import { slowStartup } from './slow-startup.js';
import { slowStartupNoReadiness } from './slow-startup-no-readiness.js';
import { statefulsetApp } from './statefulset-app.js';
import { targetPortMismatch } from './target-port-mismatch.js';
import { targetPortMismatchNamed } from './target-port-mismatch-named.js';
import { unschedulable } from './unschedulable.js';
import { upstreamConnectionRefused } from './upstream-connection-refused.js';

/** Every scenario; each lives in its own namespace (demo-shop in `shop`), so several can share a cluster. */
export const scenarios: Scenario[] = [
  healthy,
  appNotFound,
  crashLoop,
  oomKilled,
  imagePull,
  unschedulable,
  readinessFailing,
  slowStartup,
  slowStartupNoReadiness,
  selectorMismatch,
  targetPortMismatch,
  targetPortMismatchNamed,
  ingressBackendMissing,
  ingressBackendMissingPort,
  networkPolicyBlocksProxy,
  proxyTimeoutTooLow,
  upstreamConnectionRefused,
  keepaliveMismatch,
  resourceExhaustion,
  dnsResolution,
  proxyUnhealthy,
  badRollout,
  badRolloutHelm,
  badRolloutArgocd,
  statefulsetApp,
  labelOnlyApp,
  distractorHealthyTarget,
  distractorOomTarget,
  distractorNeighbourRollout,
  distractorPrefixNames,
  demoShop,
];

/** `gw502 sim` without `--scenario` loads the demo (proxy-unhealthy would break the shared proxy). */
export const defaultScenarioNames = ['demo-shop'];

export function scenarioByName(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}

export function createSimRuntime(scenario?: Scenario): SimRuntime {
  return new WorldRuntime(scenario ? { scenario } : {});
}

/** Something that takes objects: a SimStore, or a SimCluster (whose `load` also upserts). */
type LoadTarget = SimStore | { load(objects: readonly KubeObject[]): unknown };

/**
 * Create the scenario's objects in order. Objects that exist already (the shared ingress-nginx install
 * when several scenarios share a cluster) are replaced rather than duplicated.
 */
export function loadScenario(target: LoadTarget, scenario: Scenario): void {
  const objects = structuredClone(scenario.objects);
  if ('load' in target) {
    target.load(objects);
    return;
  }
  for (const o of objects) {
    const type = target.typeOf(o.apiVersion, o.kind);
    const existing = target.get(type, o.metadata.namespace, o.metadata.name);
    if (existing)
      target.update({
        ...o,
        metadata: { ...o.metadata, resourceVersion: existing.metadata.resourceVersion },
      });
    else target.create(o);
  }
}
