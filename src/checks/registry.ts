import type { Check } from './check.js';
import { connectionRefusedCheck } from './connection-refused.js';
import { containerCrashesCheck } from './container-crashes.js';
import { dnsResolutionCheck } from './dns-resolution.js';
import { endpointsReadyCheck } from './endpoints-ready.js';
import { healthProbeCheck } from './health-probe.js';
import { imagePullCheck } from './image-pull.js';
import { ingressRoutesCheck } from './ingress-routes.js';
import { logExcerptCheck } from './log-excerpt.js';
import { networkPolicyCheck } from './network-policy.js';
import { oomKilledCheck } from './oom-killed.js';
import { podsPendingCheck } from './pods-pending.js';
import { podsReadyCheck } from './pods-ready.js';
import { probesCheck } from './probes.js';
import { proxyHealthCheck } from './proxy-health.js';
import { proxyLogsCheck } from './proxy-logs.js';
import { proxyTimeoutsCheck } from './proxy-timeouts.js';
import { resourceUsageCheck } from './resource-usage.js';
import { rolloutHistoryCheck } from './rollout-history.js';
import { serviceSelectsPodsCheck } from './service-selects-pods.js';
import { targetPortCheck } from './target-port.js';
import { upstreamKeepaliveCheck } from './upstream-keepalive.js';
import { warningEventsCheck } from './warning-events.js';
import { workloadFoundCheck } from './workload-found.js';

/** Every cluster check, in runbook order (reports list them in this order). */
export const clusterChecks: Check[] = [
  // Step 1: upstream health
  workloadFoundCheck,
  podsReadyCheck,
  containerCrashesCheck,
  oomKilledCheck,
  imagePullCheck,
  podsPendingCheck,
  warningEventsCheck,
  logExcerptCheck,
  // Step 2: direct connectivity
  serviceSelectsPodsCheck,
  targetPortCheck,
  endpointsReadyCheck,
  healthProbeCheck,
  // Step 3: the proxy
  ingressRoutesCheck,
  proxyHealthCheck,
  proxyLogsCheck,
  connectionRefusedCheck,
  // Step 4: resources and timeouts
  resourceUsageCheck,
  proxyTimeoutsCheck,
  // Step 5: network policies
  networkPolicyCheck,
  // Step 6: rollout history
  rolloutHistoryCheck,
  // Pro tip and FAQ
  probesCheck,
  dnsResolutionCheck,
  upstreamKeepaliveCheck,
];
