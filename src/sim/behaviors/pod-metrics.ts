import type { PodMetricsItem, SimStore } from '../runtime.js';
import type { Pod } from '../controllers/kube-types.js';
import { asObj } from '../controllers/kube-types.js';
import { T } from '../controllers/resource-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import { containerProfile, timelinesOf } from './pod-status.js';
import { seededRandom } from './seeded-random.js';

/** `500m` → 500, `2` → 2000 millicores. */
export function parseCpuMillis(q: string | undefined): number | undefined {
  if (!q) return undefined;
  if (q.endsWith('m')) return Number(q.slice(0, -1));
  if (q.endsWith('n')) return Number(q.slice(0, -1)) / 1e6;
  return Number(q) * 1000;
}

const UNITS: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  k: 1e3,
};

export function parseBytes(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(q);
  if (!m) return undefined;
  return Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1);
}

/**
 * What metrics-server would report: running containers only, usage consistent with the behaviour —
 * `saturated` pinned at its limits, `oom` climbing to its memory limit, others comfortably below.
 */
export function podMetricsFor(
  store: SimStore,
  memory: WorldMemory,
  namespace: string,
  now: number,
): PodMetricsItem[] {
  const items: PodMetricsItem[] = [];
  for (const o of store.list(T.pods, namespace)) {
    const pod = asObj<Pod>(o);
    const born = memory.bornOf(pod, now);
    const timelines = timelinesOf(pod, born, now);
    if (!timelines.some((t) => t.phase === 'running')) continue;
    const minute = Math.floor(now / 60_000);
    const containers = (pod.spec?.containers ?? []).flatMap((c, i) => {
      const tl = timelines[i];
      if (tl?.phase !== 'running') return [];
      const r = seededRandom(memory.seed, pod.metadata.name, c.name, minute);
      const cpuLimit =
        parseCpuMillis(c.resources?.limits?.cpu) ?? parseCpuMillis(c.resources?.requests?.cpu) ?? 1000;
      const memLimit =
        parseBytes(c.resources?.limits?.memory) ??
        parseBytes(c.resources?.requests?.memory) ??
        512 * 1024 ** 2;
      const behavior = containerProfile(pod, i).behavior;
      let cpuShare = 0.02 + r() * 0.13;
      let memShare = 0.3 + r() * 0.15;
      if (behavior === 'saturated') {
        cpuShare = 0.95 + r() * 0.05;
        memShare = 0.9 + r() * 0.07;
      } else if (behavior === 'oom') {
        const up = (now - (tl.currentStart ?? now)) / 8000;
        cpuShare = 0.3 + r() * 0.1;
        memShare = Math.min(0.99, 0.85 + up * 0.14);
      }
      return [
        {
          name: c.name,
          usage: {
            cpu: `${Math.round(cpuLimit * cpuShare * 1e6)}n`,
            memory: `${Math.round((memLimit * memShare) / 1024)}Ki`,
          },
        },
      ];
    });
    items.push({ name: pod.metadata.name, namespace, containers });
  }
  return items;
}
