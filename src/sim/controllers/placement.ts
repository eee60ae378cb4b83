import type { SimStore } from '../runtime.js';
import type { Placement } from '../behaviors/pod-status.js';
import { fnv32a } from '../behaviors/seeded-random.js';
import type { Pod } from './kube-types.js';
import { asObj, toKube } from './kube-types.js';
import { T } from './resource-types.js';

/** The simulated nodes (kind-style names), each with its own 10.244.<n>.0/24 pod CIDR. */
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

/** Deterministic scheduling: node by name hash, first free IP in that node's CIDR from a hashed start. */
export function placePod(podName: string, usedIps: Set<string>, seed: number): Placement {
  const h = fnv32a(`${seed}/${podName}`);
  const node = NODES[h % NODES.length]!;
  for (let i = 0; i < 253; i++) {
    const ip = `10.244.${node.cidr}.${(((h >>> 8) + i) % 253) + 2}`;
    if (!usedIps.has(ip)) {
      usedIps.add(ip);
      return { nodeName: node.name, hostIP: node.hostIP, podIP: ip };
    }
  }
  throw new Error(`sim: node ${node.name} ran out of pod IPs`);
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
