import type { Redis } from 'ioredis';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { RestartProxyOutcome } from '../host/restart-proxy.js';
import type { Logger } from '../logger.js';
import type { ApprovalGroup, ApprovalRecord, ApprovalSpec, RemediationOutcome } from './approval.js';
import type { ApprovalStore } from './approval-store.js';
import { reportOutcome } from './report-outcome.js';
import { approvedNote, describeApproval, progressNote } from './remediation-notes.js';
import type { RemediationReporter } from './remediation-report.js';
import type { RunResult } from './run-remediation.js';

export interface HostRemediationDeps {
  /** This agent's host: approvals for another host are never run here. */
  host: string;
  store: ApprovalStore;
  redis: Redis;
  reporter: RemediationReporter;
  /** The host action itself (`restartProxy` in reload mode, with this host's proxy config). */
  restart: (spec: ApprovalSpec & { host: NonNullable<ApprovalSpec['host']> }) => Promise<RestartProxyOutcome>;
  /** The host engine, re-run after the action. */
  rediagnose: (rec: ApprovalRecord, group: ApprovalGroup) => Promise<DiagnosisReport>;
  heartbeatMs: number;
  workerId: string;
  logger: Logger;
}

function outcomeOf(restart: RestartProxyOutcome, report: DiagnosisReport | undefined): RemediationOutcome {
  // Refused (config test fails) or systemctl failed: the proxy was not reloaded.
  if (!restart.ran?.ok) return { result: 'write-failed', wrote: false, summary: restart.message };
  const verdict = report && { cause: report.verdict.cause, summary: report.verdict.summary };
  if (report?.verdict.cause === 'healthy')
    return { result: 'recovered', wrote: true, verdict, summary: `${restart.message}; healthy again.` };
  return { result: 'still-failing', wrote: true, verdict, summary: `${restart.message}; still failing.` };
}

/**
 * The host agent's remediation job: the same approval life cycle as the cluster worker's (`start` lets one
 * run through; `finish` records done/failed/unknown), but the action is on this host, and the check after it
 * is the host diagnosis.
 */
export async function runHostRemediation(deps: HostRemediationDeps, approvalId: string): Promise<RunResult> {
  const log = deps.logger.child({ approvalId, worker: deps.workerId });
  const pre = await deps.store.get(approvalId);
  const host = pre?.spec.host;
  if (!pre || !host || host.name !== deps.host) {
    log.warn({ for: host?.name }, 'approval is not a host action of this host; not running it');
    return 'missing';
  }
  const started = await deps.store.start(approvalId, deps.workerId);
  if (started.kind === 'already-started') {
    log.warn({ by: started.worker }, 'remediation already began in another run; refusing to act again');
    return 'duplicate';
  }
  if (started.kind === 'not-executing') return started.state === 'missing' ? 'missing' : 'not-executing';
  const rec = (await deps.store.get(approvalId)) ?? pre;
  const group = await deps.store.getGroup(rec.spec.groupId);
  if (!group) return 'missing';

  const beat = setInterval(() => {
    deps.store
      .heartbeat(approvalId, deps.workerId)
      .catch((err: unknown) => log.warn({ err }, 'heartbeat failed'));
  }, deps.heartbeatMs);
  const notes = [approvedNote(rec)];
  const show = (line: string) => deps.reporter.updateMessage(group, [...notes, progressNote(line)]);
  let outcome: RemediationOutcome;
  try {
    await show(`${describeApproval(rec.spec)}: testing the config, then reloading…`);
    if (!(await deps.store.markWriting(approvalId, deps.workerId))) {
      throw new Error('this run no longer owns the approval; not acting');
    }
    const restarted = await deps.restart({ ...rec.spec, host });
    log.info({ ok: restarted.ok, message: restarted.message }, 'host action finished');
    let report: DiagnosisReport | undefined;
    if (restarted.ran?.ok) {
      notes.push(`:gear: ${restarted.message}`);
      await show(`diagnosing ${host.service} on ${host.name} again…`);
      report = await deps.rediagnose(rec, group);
    }
    outcome = outcomeOf(restarted, report);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err }, 'host remediation failed');
    // The reload may have been sent before the failure (e.g. in the re-diagnosis): say we cannot tell.
    outcome = {
      result: 'unknown',
      wrote: true,
      summary: `failed mid-way (${message}); it will not be retried`,
    };
  } finally {
    clearInterval(beat);
  }

  const state =
    outcome.result === 'write-failed' ? 'failed' : outcome.result === 'unknown' ? 'unknown' : 'done';
  if (!(await deps.store.finish(approvalId, deps.workerId, state, outcome)))
    log.warn('approval was finished by someone else (reaper?); reporting our outcome anyway');
  await reportOutcome(deps, group, rec, notes, outcome);
  return 'finished';
}
