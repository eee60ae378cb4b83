import type { SimStore } from '../runtime.js';
import { collectOrphanReplicaSets, reconcileDeployments } from './deployment-controller.js';
import { reconcileEndpoints } from './endpoints-controller.js';
import { reconcileKubelet } from './kubelet.js';
import { ensureNodes } from './placement.js';
import { reconcileReplicaSets } from './replicaset-controller.js';
import { reconcileStatefulSets } from './statefulset-controller.js';
import { reconcileWorkloadStatus } from './workload-status.js';
import type { WorldMemory } from './world-memory.js';

/**
 * One pass of every simulated controller, in the order their effects flow: workloads → ReplicaSets →
 * pods (scheduler, kubelet) → workload status → endpoints. A second workload pass lets a rollout take
 * the next step as soon as pods turned ready in this instant.
 */
export function reconcileWorld(store: SimStore, memory: WorldMemory, now: number): void {
  memory.firstReconcileAt ??= now;
  ensureNodes(store);
  for (let pass = 0; pass < 2; pass++) {
    reconcileDeployments(store, memory, now);
    collectOrphanReplicaSets(store);
    reconcileReplicaSets(store, memory, now);
    reconcileStatefulSets(store, memory, now);
    reconcileKubelet(store, memory, now);
  }
  reconcileWorkloadStatus(store, memory, now);
  reconcileEndpoints(store, now);
}
