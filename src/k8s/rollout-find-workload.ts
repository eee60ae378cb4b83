import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { GateError } from '../gate/gate-error.js';
import type { KubeClients } from './clients.js';
import { fetched, fetchedOptional } from './fetched.js';
import type { Fetched } from './snapshot.js';
import type { RolloutWorkload } from './rollout-workload.js';

/**
 * The workload whose rollout the gate waits for, resolved like `gw502 diagnose` resolves the app: the
 * Deployment or StatefulSet named `<app>`, else the one whose pod template carries `app=<app>` or
 * `app.kubernetes.io/name=<app>`. Undefined when none matches. Throws GateError when the cluster cannot
 * be asked (unreachable, 401, 403): the gate then has nothing to wait on.
 */
export async function findRolloutWorkload(
  clients: KubeClients,
  app: string,
  namespace: string,
): Promise<RolloutWorkload | undefined> {
  const { apps } = clients;
  const [dep, sts] = await Promise.all([
    fetchedOptional(
      apps.readNamespacedDeployment({ name: app, namespace }),
      req('get', 'deployments.apps', namespace),
    ),
    fetchedOptional(
      apps.readNamespacedStatefulSet({ name: app, namespace }),
      req('get', 'statefulsets.apps', namespace),
    ),
  ]);
  const depValue = ensure(dep);
  if (depValue) return { kind: 'Deployment', object: depValue };
  const stsValue = ensure(sts);
  if (stsValue) return { kind: 'StatefulSet', object: stsValue };

  const [deps, stss] = await Promise.all([
    fetched(apps.listNamespacedDeployment({ namespace }), req('list', 'deployments.apps', namespace)),
    fetched(apps.listNamespacedStatefulSet({ namespace }), req('list', 'statefulsets.apps', namespace)),
  ]);
  const byLabel = (labels: Record<string, string> | undefined): boolean =>
    labels?.app === app || labels?.['app.kubernetes.io/name'] === app;
  const d = ensure(deps).items.find((x: V1Deployment) => byLabel(x.spec?.template.metadata?.labels));
  if (d) return { kind: 'Deployment', object: d };
  const s = ensure(stss).items.find((x: V1StatefulSet) => byLabel(x.spec?.template.metadata?.labels));
  if (s) return { kind: 'StatefulSet', object: s };
  return undefined;
}

function req(verb: string, resource: string, namespace: string) {
  return { verb, resource, namespace };
}

function ensure<T>(f: Fetched<T>): T {
  if (f.ok) return f.value;
  const { status, verb, resource, namespace, message } = f.error;
  if (status === 403) {
    throw new GateError(
      'forbidden',
      `forbidden: the gate needs "${verb}" on ${resource} in namespace ${namespace ?? '(cluster)'} (see docs/ci.md for the RBAC)`,
    );
  }
  if (status === 0 || status === 401) throw new GateError('unreachable', `cluster unreachable: ${message}`);
  throw new GateError('unreachable', `API server answered ${status} to ${verb} ${resource}: ${message}`);
}
