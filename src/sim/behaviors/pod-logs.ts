import type { LogRequest, SimStore } from '../runtime.js';
import type { Pod } from '../controllers/kube-types.js';
import { asObj } from '../controllers/kube-types.js';
import { T } from '../controllers/resource-types.js';
import type { WorldMemory } from '../controllers/world-memory.js';
import { instanceLogs } from './app-logs.js';
import { containerProfile, timelinesOf } from './pod-status.js';
import {
  controllerBanner,
  controllerCrashLines,
  ingressTrafficLines,
  scenarioProxyLines,
} from './ingress-nginx-logs.js';
import type { LogLine } from './log-lines.js';
import { finishLogs, LogError } from './log-lines.js';
import { findPod } from './pod-view.js';

export function isIngressNginxController(pod: Pod): boolean {
  const l = pod.metadata.labels ?? {};
  return l['app.kubernetes.io/name'] === 'ingress-nginx' && l['app.kubernetes.io/component'] === 'controller';
}

/**
 * `GET /api/v1/namespaces/<ns>/pods/<pod>/log`: the current or previous instance's output, with the
 * API server's 400s for an unknown container, a container that never started, or no previous instance.
 */
export function podLogs(
  store: SimStore,
  memory: WorldMemory,
  req: LogRequest,
  now: number,
  proxyLines: string[],
): string[] {
  const pod = findPod(store, req.namespace, req.pod);
  if (!pod) throw new LogError(404, `pods "${req.pod}" not found`);
  const containers = pod.spec?.containers ?? [];
  if (!req.container && containers.length > 1) {
    throw new LogError(
      400,
      `a container name must be specified for pod ${req.pod}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
    );
  }
  const index = req.container ? containers.findIndex((c) => c.name === req.container) : 0;
  const container = containers[index];
  if (!container) throw new LogError(400, `container ${req.container ?? ''} is not valid for pod ${req.pod}`);
  const born = memory.bornOf(pod, now);
  const tl = timelinesOf(pod, born, now)[index]!;
  const profile = containerProfile(pod, index);
  if (tl.starts.length === 0) {
    const why = profile.behavior === 'image-pull' ? 'trying and failing to pull image' : 'ContainerCreating';
    throw new LogError(400, `container "${container.name}" in pod "${req.pod}" is waiting to start: ${why}`);
  }
  // The latest instance is the running one, or in back-off the one that just died; previous = the one before.
  const last = tl.starts.length - 1;
  const instance = req.previous ? (tl.phase === 'running' ? last - 1 : last) : last;
  if (req.previous && (tl.exits.length === 0 || instance < 0)) {
    throw new LogError(
      400,
      `previous terminated container "${container.name}" in pod "${req.pod}" not found`,
    );
  }
  const start = tl.starts[instance]!;
  const exit = tl.exits[instance];
  const end = exit?.finishedAt ?? now;
  let lines: LogLine[];
  if (isIngressNginxController(pod) && index === 0) {
    if (profile.behavior === 'crash-loop' || profile.behavior === 'oom') lines = controllerCrashLines(start);
    else {
      const peers = store
        .list(T.pods, pod.metadata.namespace)
        .map((o) => asObj<Pod>(o))
        .filter(isIngressNginxController)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      lines = [
        ...controllerBanner(start),
        ...ingressTrafficLines(store, memory, pod, peers, end),
        ...scenarioProxyLines(proxyLines, now),
      ];
    }
  } else {
    lines = instanceLogs(
      container,
      profile,
      start,
      end,
      exit !== undefined,
      `${memory.seed}/${pod.metadata.name}/${instance}`,
    );
  }
  return finishLogs(lines, req, now);
}
