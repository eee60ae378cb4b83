import { z } from 'zod';

/** Queue names. `diagnose` for the cluster; one `host-<host>` queue per host agent. */
export const DIAGNOSE_QUEUE = 'diagnose';
export const hostQueueName = (host: string): string => `host-${host}`;

/** Kubernetes object names used as app and namespace: RFC 1123 labels. */
export const dns1123Label = z
  .string()
  .max(63, 'at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'lowercase letters, digits and "-", starting and ending alphanumeric',
  );

/** Host names as the agent registers them: RFC 1123 subdomains. */
export const hostName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'a host name like web-1 or web-1.example.com',
  );

/** systemd unit / container names. */
export const serviceName = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'letters, digits, ".", "_", "@" and "-"');

/** Where the request came from in Slack; the worker answers there. */
const origin = {
  channel: z.string().regex(/^[CDG][A-Z0-9]+$/, 'a Slack channel id'),
  user: z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id'),
  /** Slash-command response_url: for ephemeral answers when the bot cannot post in the channel. */
  responseUrl: z.url().optional(),
  requestedAt: z.iso.datetime(),
};

export const diagnoseJobSchema = z.object({ app: dns1123Label, namespace: dns1123Label, ...origin }).strict();
export type DiagnoseJobData = z.infer<typeof diagnoseJobSchema>;

export const hostDiagnoseJobSchema = z.object({ host: hostName, service: serviceName, ...origin }).strict();
export type HostDiagnoseJobData = z.infer<typeof hostDiagnoseJobSchema>;

/**
 * A fresh job id for one diagnosis of app+namespace. Unique per run (BullMQ ignores an add whose id exists,
 * and finished jobs are kept for history), so joining a running diagnosis is decided by the active-key lock
 * in `enqueue-diagnose.ts`, not by the id. BullMQ forbids ':' in custom ids; names here are DNS labels.
 */
export function newDiagnoseJobId(app: string, namespace: string, now = Date.now()): string {
  const nonce = Math.random().toString(36).slice(2, 8);
  return `diagnose.${namespace}.${app}.${now.toString(36)}${nonce}`;
}

/** Redis key holding the id of the queued/running diagnosis of app+namespace. */
export const activeDiagnosisKey = (app: string, namespace: string): string =>
  `gw502:active:diagnose:${namespace}/${app}`;

/**
 * Job options. Attempts cover transient failures (API 5xx, timeouts, a worker lost); bad input throws
 * UnrecoverableError and is never retried. Finished jobs are kept a day / 500 jobs: long enough for
 * `history` and post-mortems, bounded so Redis never grows without limit.
 */
export const DIAGNOSE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 500 },
  removeOnFail: { age: 7 * 24 * 3600, count: 500 },
};

/** Per-job budget: the engine's own 60 s default plus room for Slack round trips. */
export const DIAGNOSE_JOB_TIMEOUT_MS = 90_000;
