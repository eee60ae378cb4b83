import type { KubeConfig } from '@kubernetes/client-node';
import type { Gw502Config } from '../config/config.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import { makeClients } from '../k8s/clients.js';
import type { Logger } from '../logger.js';
import type { HelmOptions, ActionResult } from './action-executor.js';
import type { ApprovalRecord, RemediationOutcome } from './approval.js';
import type { ApprovalStore } from './approval-store.js';
import { rediagnoseButton } from '../blocks/action-buttons.js';
import { executors } from './executors.js';
import { reportOutcome } from './report-outcome.js';
import { approvedNote, describeApproval, progressNote } from './remediation-notes.js';
import type { RemediationReporter } from './remediation-report.js';
import { waitForRollout } from './wait-for-rollout.js';
import type { Redis } from 'ioredis';

export interface RemediationDeps {
  store: ApprovalStore;
  redis: Redis;
  reporter: RemediationReporter;
  config: Gw502Config;
  /** A fresh KubeConfig per run, so rotated credentials are picked up. */
  loadKubeConfig: () => KubeConfig;
  /** The engine, re-run after the action. */
  diagnose: (app: string, namespace: string, kubeConfig: KubeConfig) => Promise<DiagnosisReport>;
  helm: HelmOptions;
  /** Like `kubectl rollout status --timeout`. */
  rolloutTimeoutMs: number;
  /** How often the running worker proves it is alive (the reaper's staleness limit is a few of these). */
  heartbeatMs: number;
  workerId: string;
  logger: Logger;
}

export type RunResult = 'finished' | 'duplicate' | 'not-executing' | 'missing';

const REQUEST_TIMEOUT_MS = 15_000;

type EarlyResult = Extract<ActionResult, { kind: 'stale' | 'failed' | 'unknown' }>;

function isEarly(result: ActionResult): result is EarlyResult {
  return result.kind === 'stale' || result.kind === 'failed' || result.kind === 'unknown';
}

/** An action that did not change the target (or cannot tell): no rollout to wait for. */
function outcomeOfAction(result: EarlyResult): RemediationOutcome {
  switch (result.kind) {
    case 'stale':
      return {
        result: 'stale',
        wrote: false,
        summary: `${result.reason}. Run a fresh diagnosis before acting.`,
      };
    case 'failed':
      return { result: 'write-failed', wrote: false, summary: result.detail, output: result.output };
    case 'unknown':
      return {
        result: 'unknown',
        wrote: true,
        summary: `${result.detail}. It will not be retried; check the target.`,
        output: result.output,
      };
  }
}

/**
 * The remediation job's body: begin the approval (only ever once), act, wait for the rollout, re-diagnose,
 * and report every step. Any path that may have written ends in done or unknown — never in a retry.
 */
export async function runRemediation(deps: RemediationDeps, approvalId: string): Promise<RunResult> {
  const log = deps.logger.child({ approvalId, worker: deps.workerId });
  const started = await deps.store.start(approvalId, deps.workerId);
  if (started.kind === 'already-started') {
    log.warn({ by: started.worker }, 'remediation already began in another run; refusing to act again');
    return 'duplicate';
  }
  if (started.kind === 'not-executing') {
    log.info({ state: started.state }, 'approval is not executing; nothing to do');
    return started.state === 'missing' ? 'missing' : 'not-executing';
  }
  const rec = await deps.store.get(approvalId);
  const group = rec && (await deps.store.getGroup(rec.spec.groupId));
  if (!rec || !group) return 'missing';

  const beat = setInterval(() => {
    deps.store
      .heartbeat(approvalId, deps.workerId)
      .catch((err: unknown) => log.warn({ err }, 'heartbeat failed'));
  }, deps.heartbeatMs);
  const notes = [approvedNote(rec)];
  const show = (line: string) => deps.reporter.updateMessage(group, [...notes, progressNote(line)]);
  let wroteMaybe = false;
  let outcome: RemediationOutcome;
  let newReport: DiagnosisReport | undefined;
  try {
    await show(`${describeApproval(rec.spec)}: checking the target has not changed…`);
    const kubeConfig = deps.loadKubeConfig();
    const clients = makeClients(kubeConfig, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
    const executor = executors[rec.spec.kind];
    const result = await executor.run({
      spec: rec.spec,
      clients,
      kubeConfig,
      helm: deps.helm,
      logger: log,
      beforeWrite: async () => {
        // If this run no longer owns the approval (the reaper gave up on it), it must not write.
        if (!(await deps.store.markWriting(approvalId, deps.workerId))) {
          throw new Error('this run no longer owns the approval; not writing');
        }
        wroteMaybe = true;
      },
    });
    log.info({ result: result.kind }, 'action finished');
    if (isEarly(result)) outcome = outcomeOfAction(result);
    else {
      const done = result.detail;
      notes.push(`:gear: ${done}`);
      const target = executor.rolloutTarget(rec.spec);
      await show(`waiting for deployment/${target.name} to roll out…`);
      const rollout = await waitForRollout(clients, target, {
        timeoutMs: deps.rolloutTimeoutMs,
        onProgress: (m) => void show(m),
      });
      await show(`${rollout.message}; diagnosing ${rec.spec.app} again…`);
      newReport = await deps.diagnose(rec.spec.app, rec.spec.namespace, kubeConfig);
      const verdict = { cause: newReport.verdict.cause, summary: newReport.verdict.summary };
      const wrote = result.kind === 'wrote';
      const output = result.kind === 'wrote' ? result.output : undefined;
      if (newReport.verdict.cause === 'healthy') {
        outcome = {
          result: 'recovered',
          wrote,
          verdict,
          output,
          summary: `${done}; ${rollout.message}; the app is healthy again.`,
        };
      } else if (!rollout.ok) {
        outcome = {
          result: 'rollout-timeout',
          wrote,
          verdict,
          output,
          summary: `${done}, but the rollout did not finish: ${rollout.message}`,
        };
      } else {
        outcome = {
          result: 'still-failing',
          wrote,
          verdict,
          output,
          summary: `${done}; ${rollout.message}, but the app still fails.`,
        };
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err }, 'remediation failed');
    outcome = wroteMaybe
      ? {
          result: 'unknown',
          wrote: true,
          summary: `failed after the write was sent (${message}); it will not be retried — check the target`,
        }
      : { result: 'write-failed', wrote: false, summary: `failed before writing: ${message}` };
  } finally {
    clearInterval(beat);
  }

  const state =
    outcome.result === 'stale' || outcome.result === 'write-failed'
      ? 'failed'
      : outcome.result === 'unknown'
        ? 'unknown'
        : 'done';
  const recorded = await deps.store.finish(approvalId, deps.workerId, state, outcome);
  if (!recorded) log.warn('approval was finished by someone else (reaper?); reporting our outcome anyway');
  const elements = outcome.result === 'stale' ? [rediagnoseButton(rec.spec.app, rec.spec.namespace)] : [];
  await reportOutcome(deps, group, rec, notes, outcome, elements);
  return 'finished';
}

export type { ApprovalRecord };
