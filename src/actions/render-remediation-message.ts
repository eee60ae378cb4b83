import type { ActionsBlockElement } from '@slack/types';
import type { SlackMessage } from '../blocks/check-message-limits.js';
import { renderReportMessage } from '../blocks/render-report.js';
import type { DiagnosisReport } from '../diagnosis/report.js';
import type { ApprovalGroup } from './approval.js';

/**
 * The result message after an approval: the original report, its buttons gone (an empty element list),
 * and the remediation notes (approver, progress, outcome) in order. Optional elements replace the buttons
 * (e.g. "Diagnose again" after a stale refusal).
 */
export function renderRemediationMessage(
  group: ApprovalGroup,
  notes: string[],
  elements: ActionsBlockElement[] = [],
): SlackMessage {
  const report = JSON.parse(group.report) as DiagnosisReport;
  return renderReportMessage(report, {
    jobId: group.jobId,
    requestedBy: group.requestedBy,
    actionElements: elements,
    notes,
  });
}
