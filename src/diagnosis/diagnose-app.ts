import type { KubeConfig } from '@kubernetes/client-node';
import type { Gw502Config } from '../config/config.js';
import type { CheckResult, DiagnosisReport } from './report.js';

export interface DiagnoseAppOptions {
  app: string;
  namespace: string;
  kubeConfig: KubeConfig;
  config: Gw502Config;
  /** Whole-diagnosis budget; checks still running are reported as `error` (timed out). Default 60 s. */
  timeoutMs?: number;
  /** Progress: called as each check finishes (the Slack worker updates its message from this). */
  onCheck?: (result: CheckResult, done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Why a diagnosis could not run at all (CLI exit 2). */
export class DiagnoseError extends Error {
  override name = 'DiagnoseError';
  constructor(
    readonly code: 'bad-input' | 'unreachable' | 'forbidden-namespace' | 'config',
    message: string,
  ) {
    super(message);
  }
}

/** Run every check of the runbook against one app; the engine's single entry point. */
export async function diagnoseApp(_opts: DiagnoseAppOptions): Promise<DiagnosisReport> {
  return Promise.reject(new Error('diagnoseApp: not implemented yet'));
}
