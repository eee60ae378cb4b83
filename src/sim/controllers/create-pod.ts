import type { SimStore } from '../runtime.js';
import { profileOf } from '../behaviors/behavior-of.js';
import type { Obj, Pod, PodTemplate } from './kube-types.js';
import { asObj, clone, controllerRef, iso, toKube } from './kube-types.js';
import { placePod, usedPodIps } from './placement.js';
import type { WorldMemory } from './world-memory.js';

/**
 * A pod as the API server would store it after a controller created it from a template and the
 * scheduler bound it: defaults filled in, nodeName set, an IP from the node's CIDR. Unschedulable
 * pods get no node. The kubelet simulation fills in the rest of the status.
 */
export function createPodFromTemplate(
  store: SimStore,
  memory: WorldMemory,
  owner: Obj,
  template: PodTemplate,
  name: string,
  bornMs: number,
  extraLabels: Record<string, string> = {},
  extraSpec: Record<string, unknown> = {},
): Pod {
  const t = clone(template);
  const profile = profileOf(t.metadata);
  const placement =
    profile.behavior === 'unschedulable' ? undefined : placePod(name, usedPodIps(store), memory.seed);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: extraSpec.hostname ? undefined : `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...extraLabels },
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(owner)],
      creationTimestamp: iso(bornMs),
    },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      schedulerName: 'default-scheduler',
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      ...t.spec,
      ...extraSpec,
      ...(placement ? { nodeName: placement.nodeName } : {}),
    },
    status: placement
      ? {
          phase: 'Pending',
          hostIP: placement.hostIP,
          podIP: placement.podIP,
          podIPs: [{ ip: placement.podIP }],
        }
      : { phase: 'Pending' },
  };
  const created = asObj<Pod>(store.create(toKube(pod)));
  memory.setBorn(created, bornMs);
  return created;
}
