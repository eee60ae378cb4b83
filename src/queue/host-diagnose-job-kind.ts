import { hostDiagnoseJobSchema, hostQueueName, type HostDiagnoseJobData } from './diagnose-job.js';
import type { DiagnoseJobKind } from './process-diagnose-job.js';

/**
 * Host diagnoses as the shared diagnose processor sees them: a service on one host, consumed only from that
 * host's own queue. History files them as app = service, namespace = host, matching the report itself.
 */
export function hostDiagnoseJobKind(host: string): DiagnoseJobKind<HostDiagnoseJobData> {
  return {
    queue: hostQueueName(host),
    // A job meant for another host must not be diagnosed here: this host's proxy would answer for it.
    schema: hostDiagnoseJobSchema.refine((d) => d.host === host, {
      message: `job is for another host (this agent serves ${host})`,
    }),
    subject: (data) => ({ app: data.service, namespace: data.host }),
    shownAs: (data) => ({ app: data.service, namespace: `host ${data.host}` }),
    // A missing --proxy-config or a bad option fails identically on every attempt. Matched by name so the
    // queue does not load the host engine.
    isPermanent: (err) => err instanceof Error && err.name === 'DiagnoseHostError',
  };
}
