import type { Button } from '@slack/types';
import type { ApprovalSpec } from '../actions/approval.js';
import { LIMITS } from './check-message-limits.js';
import { clip } from './mrkdwn.js';

/** Approve buttons' action_id starts with this; the approval id follows (ids must be unique per message). */
export const APPROVE_ACTION_PREFIX = 'gw502-approve:';
export const REDIAGNOSE_ACTION_ID = 'gw502-rediagnose';

function what(spec: ApprovalSpec): { button: string; title: string; text: string; confirm: string } {
  const t = spec.target;
  if (spec.kind === 'restart-proxy') {
    const rev = t.revision !== undefined ? ` (rev ${t.revision})` : '';
    return {
      button: `Restart proxy deployment/${t.name}${rev}`,
      title: 'Restart the proxy?',
      text:
        `This restarts every pod of deployment/${t.name} in ${t.namespace} (like \`kubectl rollout restart\`), ` +
        'one batch at a time. It runs once; gw502 then waits for the rollout and diagnoses again.',
      confirm: 'Restart proxy',
    };
  }
  const rev = spec.toRevision ?? '?';
  if (spec.kind === 'helm-rollback') {
    return {
      button: `Roll back release ${spec.release ?? t.name} to revision ${rev} (Helm)`,
      title: 'Roll back with Helm?',
      text:
        `This runs \`helm rollback ${spec.release ?? '?'} ${rev}\` in ${t.namespace}, replacing the current ` +
        `release revision of deployment/${t.name}. It runs once; gw502 then waits for the rollout and diagnoses again.`,
      confirm: 'Roll back',
    };
  }
  return {
    button: `Roll back deployment/${t.name} to revision ${rev}`,
    title: 'Roll back?',
    text:
      `This puts deployment/${t.name} in ${t.namespace} back on revision ${rev}'s pod template ` +
      '(like `kubectl rollout undo`), starting a new rollout. It runs once, and only if nothing changed since the diagnosis.',
    confirm: 'Roll back',
  };
}

/** The approve button of one approval: its value is the approval id and nothing else. */
export function approvalButton(spec: ApprovalSpec): Button {
  const w = what(spec);
  return {
    type: 'button',
    action_id: clip(`${APPROVE_ACTION_PREFIX}${spec.id}`, LIMITS.id),
    text: { type: 'plain_text', text: clip(w.button, LIMITS.buttonText), emoji: false },
    value: spec.id,
    style: 'danger',
    confirm: {
      title: { type: 'plain_text', text: clip(w.title, LIMITS.confirmTitle) },
      text: { type: 'mrkdwn', text: clip(w.text, LIMITS.confirmText) },
      confirm: { type: 'plain_text', text: clip(w.confirm, LIMITS.confirmButton) },
      deny: { type: 'plain_text', text: 'Cancel' },
      style: 'danger',
    },
  };
}

/** Offered when an action was refused as stale: a fresh diagnosis of the app. */
export function rediagnoseButton(app: string, namespace: string): Button {
  return {
    type: 'button',
    action_id: REDIAGNOSE_ACTION_ID,
    text: { type: 'plain_text', text: clip(`Diagnose ${app} again`, LIMITS.buttonText) },
    value: `${namespace}/${app}`,
  };
}
