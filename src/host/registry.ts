import type { Check } from '../checks/check.js';
import { directConnectivityCheck } from './checks/direct-connectivity.js';
import { proxyLogsCheck } from './checks/proxy-logs.js';
import { proxyProcessCheck } from './checks/proxy-process.js';
import { timeoutsKeepaliveCheck } from './checks/timeouts-keepalive.js';
import { upstreamHealthCheck } from './checks/upstream-health.js';
import type { HostSnapshot } from './host-snapshot.js';

/** The runbook's VM branch, in runbook order. Add a check: one file, one line here, one test. */
export const HOST_CHECKS: readonly Check<HostSnapshot>[] = [
  upstreamHealthCheck,
  directConnectivityCheck,
  proxyProcessCheck,
  proxyLogsCheck,
  timeoutsKeepaliveCheck,
];
