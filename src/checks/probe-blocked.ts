import type { V1Pod } from '@kubernetes/client-node';
import { containerStatuses } from './pod-facts.js';

/** Running, containers up and not waiting, with a readiness probe: only the probe keeps it unready. */
export function isProbeBlocked(p: V1Pod): boolean {
  return (
    p.status?.phase === 'Running' &&
    containerStatuses(p).every((c) => c.state?.running !== undefined && !c.state.waiting) &&
    (p.spec?.containers ?? []).some((c) => c.readinessProbe !== undefined)
  );
}
