import type { ActionKind } from '../diagnosis/report.js';
import type { ActionExecutor } from './action-executor.js';
import { helmRollbackAction } from './helm-rollback-action.js';
import { restartProxyAction } from './restart-proxy-action.js';
import { rollbackAction } from './rollback-action.js';

/** Every remediation gw502 can run, by kind. */
export const executors: Record<ActionKind, ActionExecutor> = {
  rollback: rollbackAction,
  'helm-rollback': helmRollbackAction,
  'restart-proxy': restartProxyAction,
};
