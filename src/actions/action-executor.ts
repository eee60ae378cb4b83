import type { KubeConfig } from '@kubernetes/client-node';
import type { ActionKind } from '../diagnosis/report.js';
import type { KubeClients } from '../k8s/clients.js';
import type { Logger } from '../logger.js';
import type { ApprovalSpec } from './approval.js';

/** Where and how `helm` runs for helm-rollback. */
export interface HelmOptions {
  /** Path of the helm binary; default `helm` from PATH. */
  binary: string;
  /** Passed as `--timeout`; also bounds the process itself (plus a margin). */
  timeoutMs: number;
}

export interface ActionContext {
  spec: ApprovalSpec;
  clients: KubeClients;
  kubeConfig: KubeConfig;
  helm: HelmOptions;
  logger: Logger;
  /** Must be awaited right before a write leaves: records in the approval that a write may have happened. */
  beforeWrite: () => Promise<void>;
  now?: () => Date;
}

export type ActionResult =
  | { kind: 'wrote'; detail: string; output?: string }
  /** The target changed since the diagnosis; nothing was written. */
  | { kind: 'stale'; reason: string }
  /** Already in the wanted state; nothing was written. */
  | { kind: 'no-op'; detail: string }
  /** Refused or failed before anything was applied. */
  | { kind: 'failed'; detail: string; output?: string }
  /** We cannot tell whether the write was applied (no answer, helm killed). */
  | { kind: 'unknown'; detail: string; output?: string };

/** One remediation kind. Adding an action = one file implementing this + one line in `executors.ts`. */
export interface ActionExecutor {
  kind: ActionKind;
  /** The Deployment whose rollout to wait for afterwards. */
  rolloutTarget(spec: ApprovalSpec): { namespace: string; name: string };
  run(ctx: ActionContext): Promise<ActionResult>;
}
