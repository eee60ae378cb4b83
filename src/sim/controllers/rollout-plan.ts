/**
 * The Deployment controller's RollingUpdate arithmetic (pkg/controller/deployment/rolling.go), pure.
 * maxSurge rounds up, maxUnavailable rounds down, exactly like `intstr.GetScaledValueFromIntOrPercent`.
 */

export interface RsState {
  name: string;
  replicas: number;
  /** Pods that exist / are available now. */
  pods: number;
  available: number;
}

export interface RolloutInput {
  replicas: number;
  maxSurge: number | string | undefined;
  maxUnavailable: number | string | undefined;
  recreate?: boolean;
  newRs: RsState;
  /** Oldest first. */
  oldRs: RsState[];
}

export function scaledValue(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
  fallback: string,
) {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export function resolveFenceposts(input: Pick<RolloutInput, 'replicas' | 'maxSurge' | 'maxUnavailable'>) {
  const surge = scaledValue(input.maxSurge, input.replicas, true, '25%');
  let unavailable = scaledValue(input.maxUnavailable, input.replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** One reconcile step: the new desired replica counts for the new RS and each old RS (same order). */
export function planRollout(input: RolloutInput): { newReplicas: number; oldReplicas: number[] } {
  const { replicas, newRs, oldRs } = input;
  if (input.recreate) {
    const oldPods = oldRs.reduce((s, r) => s + r.pods, 0);
    return { newReplicas: oldPods > 0 ? 0 : replicas, oldReplicas: oldRs.map(() => 0) };
  }
  const { surge, unavailable } = resolveFenceposts(input);
  const oldReplicas = oldRs.map((r) => r.replicas);

  // Scale up the new RS within maxSurge.
  let newReplicas = newRs.replicas;
  const current = newReplicas + oldReplicas.reduce((s, r) => s + r, 0);
  if (newReplicas > replicas) newReplicas = replicas;
  else if (newReplicas < replicas) {
    const room = Math.max(0, replicas + surge - current);
    newReplicas = Math.min(replicas, newReplicas + room);
  }

  // Scale down old RSs within maxUnavailable: first unhealthy pods, then by availability.
  const minAvailable = replicas - unavailable;
  const allPods = newRs.pods + oldRs.reduce((s, r) => s + r.pods, 0);
  const newUnavailable = newReplicas - newRs.available;
  let maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown > 0) {
    oldRs.forEach((r, i) => {
      const unhealthy = Math.max(0, r.replicas - r.available);
      const cut = Math.min(unhealthy, maxScaledDown);
      if (cut > 0) {
        oldReplicas[i] = r.replicas - cut;
        maxScaledDown -= cut;
      }
    });
  }
  const available = newRs.available + oldRs.reduce((s, r) => s + Math.min(r.available, r.replicas), 0);
  let scaleDown = Math.max(0, available - minAvailable);
  oldRs.forEach((_, i) => {
    const have = oldReplicas[i] ?? 0;
    const cut = Math.min(have, scaleDown);
    oldReplicas[i] = have - cut;
    scaleDown -= cut;
  });
  return { newReplicas, oldReplicas };
}
