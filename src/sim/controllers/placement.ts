import type { SimStore } from '../runtime.js';
import type { Placement } from '../behaviors/pod-status.js';
import { fnv32a } from '../behaviors/seeded-random.js';
import type { Pod } from './kube-types.js';
import { asObj, toKube } from './kube-types.js';
import { T } from './resource-types.js';

/** The simulated nodes (kind-style names), each with its own 10.244.<4n>.0/22 pod CIDR. */
export const NODES = [
  { name: 'gw502-worker', hostIP: '172.18.0.2', cidr: 1 },
  { name: 'gw502-worker2', hostIP: '172.18.0.3', cidr: 2 },
  { name: 'gw502-worker3', hostIP: '172.18.0.4', cidr: 3 },
] as const;

export function placementOf(pod: Pod): Placement | undefined {
  const nodeName = pod.spec?.nodeName;
  const node = NODES.find((n) => n.name === nodeName);
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP;
  if (!node || !podIP) return undefined;
  return { nodeName: node.name, hostIP: node.hostIP, podIP };
}

/** Each node's pod CIDR is a /22 (10.244.<4n>.0 – 10.244.<4n+3>.255): room for ~1000 pods per node. */
const SUBNETS_PER_NODE = 4;
const HOSTS_PER_SUBNET = 253;

/**
 * Deterministic scheduling: node by name hash, first free IP in that node's CIDR from a hashed start;
 * a full node spills to the next one, like a scheduler would.
 */
export function placePod(podName: string, usedIps: Set<string>, seed: number): Placement {
  const h = fnv32a(`${seed}/${podName}`);
  const capacity = SUBNETS_PER_NODE * HOSTS_PER_SUBNET;
  for (let n = 0; n < NODES.length; n++) {
    const node = NODES[(h + n) % NODES.length]!;
    for (let i = 0; i < capacity; i++) {
      const slot = ((h >>> 8) + i) % capacity;
      const subnet = node.cidr * SUBNETS_PER_NODE + Math.floor(slot / HOSTS_PER_SUBNET);
      const ip = `10.244.${subnet}.${(slot % HOSTS_PER_SUBNET) + 2}`;
      if (!usedIps.has(ip)) {
        usedIps.add(ip);
        return { nodeName: node.name, hostIP: node.hostIP, podIP: ip };
      }
    }
  }
  throw new Error('sim: every node ran out of pod IPs');
}

export function usedPodIps(store: SimStore): Set<string> {
  return new Set(
    store
      .list(T.pods)
      .map((p) => (asObj<Pod>(p).status as { podIP?: string } | undefined)?.podIP)
      .filter((ip): ip is string => !!ip),
  );
}

/** Make sure the Node objects exist, as `kubectl get nodes` and the scheduler message expect 3. */
export function ensureNodes(store: SimStore): void {
  for (const n of NODES) {
    if (store.get(T.nodes, undefined, n.name)) continue;
    store.create(
      toKube({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: n.name,
          labels: {
            'kubernetes.io/hostname': n.name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'topology.kubernetes.io/zone': `zone-${n.cidr}`,
          },
        },
        spec: { podCIDR: `10.244.${n.cidr}.0/24`, podCIDRs: [`10.244.${n.cidr}.0/24`] },
        status: {
          addresses: [
            { type: 'InternalIP', address: n.hostIP },
            { type: 'Hostname', address: n.name },
          ],
          capacity: { cpu: '4', memory: '8141364Ki', pods: '110' },
          allocatable: { cpu: '4', memory: '8141364Ki', pods: '110' },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            },
          ],
          nodeInfo: {
            kubeletVersion: 'v1.32.2',
            containerRuntimeVersion: 'containerd://2.0.2',
            osImage: 'Debian GNU/Linux 12 (bookworm)',
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        },
      }),
    );
  }
}
