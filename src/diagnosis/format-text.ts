import type { CheckResult, DiagnosisReport } from './report.js';

const STATUS_MARK: Record<CheckResult['status'], string> = {
  fail: 'FAIL',
  warn: 'WARN',
  error: 'ERR ',
  skipped: 'SKIP',
  ok: ' ok ',
};

const ORDER: CheckResult['status'][] = ['fail', 'warn', 'error', 'skipped', 'ok'];

/** The human report printed by `gw502 diagnose` / `diagnose-host` / `gate`: verdict first, then evidence. */
export function formatReportText(report: DiagnosisReport, opts: { maxEvidence?: number } = {}): string {
  const maxEvidence = opts.maxEvidence ?? 8;
  const { verdict } = report;
  const where = report.host ? `${report.app} on ${report.host}` : `${report.app} in ${report.namespace}`;
  const out: string[] = [];
  out.push(`gw502 diagnosis of ${where}: ${verdict.cause} (confidence ${verdict.confidence})`);
  out.push(`  ${verdict.summary}`);
  for (const a of verdict.actions) {
    const rev = a.toRevision !== undefined ? ` to revision ${a.toRevision}` : '';
    out.push(`  suggested action: ${a.kind} ${a.target}${rev}${a.reason ? ` — ${a.reason}` : ''}`);
  }
  if (verdict.gitops) out.push(`  GitOps (${verdict.gitops.tool}): ${verdict.gitops.detail}`);
  out.push('');
  const sorted = [...report.checks].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  for (const c of sorted) {
    out.push(`[${STATUS_MARK[c.status]}] ${c.id}: ${c.summary}`);
    if (c.status === 'ok' || c.status === 'skipped') continue;
    const shown = c.evidence.slice(0, maxEvidence);
    for (const e of shown) out.push(`       ${e}`);
    if (c.evidence.length > shown.length) out.push(`       … ${c.evidence.length - shown.length} more`);
  }
  out.push('');
  out.push(`${report.checks.length} checks in ${report.durationMs} ms`);
  return out.join('\n');
}
