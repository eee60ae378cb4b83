import type { Cause, CheckStatus } from '../diagnosis/report.js';

/** What each cause means to someone paged at 3 a.m., in a few words. */
export const CAUSE_TITLE: Record<Cause, string> = {
  healthy: 'no 502 cause found',
  'app-not-found': 'app not found',
  'crash-loop': 'containers crash-looping',
  'oom-killed': 'containers OOM-killed',
  'image-pull': 'image cannot be pulled',
  unschedulable: 'pods cannot be scheduled',
  'readiness-failing': 'readiness probes failing',
  'slow-startup': 'slow startup / probes kill pods',
  'selector-mismatch': 'Service selects no pods',
  'target-port-mismatch': 'Service targetPort wrong',
  'ingress-backend-missing': 'Ingress backend missing',
  'network-policy-blocks-proxy': 'NetworkPolicy blocks the proxy',
  'proxy-timeout-too-low': 'proxy timeout too low',
  'upstream-connection-refused': 'upstream refuses connections',
  'keepalive-mismatch': 'keep-alive timeout mismatch',
  'resource-exhaustion': 'pods at resource limits',
  'dns-resolution': 'proxy cannot resolve upstream',
  'proxy-unhealthy': 'proxy unhealthy',
  'bad-rollout': 'bad rollout',
  unknown: 'cause not determined',
};

export function causeEmoji(cause: Cause): string {
  if (cause === 'healthy') return ':white_check_mark:';
  if (cause === 'app-not-found') return ':grey_question:';
  if (cause === 'unknown') return ':warning:';
  return ':red_circle:';
}

export const STATUS_EMOJI: Record<CheckStatus, string> = {
  ok: ':white_check_mark:',
  warn: ':warning:',
  fail: ':x:',
  error: ':exclamation:',
  skipped: ':fast_forward:',
};
