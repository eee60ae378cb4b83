import type { DiagnosisReport } from '../diagnosis/report.js';

export type CiKind = 'github' | 'gitlab';

/** Which CI runs us, from the variables the runners set (`GITHUB_ACTIONS=true`, `GITLAB_CI=true`). */
export function detectCi(env: NodeJS.ProcessEnv): CiKind | undefined {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return undefined;
}

/** GitHub workflow-command escaping (actions/toolkit `escapeData` / `escapeProperty`). */
function ghData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const ESC = '\u001b';

/**
 * The failure report as the CI shows it best. GitHub Actions: an `::error` annotation (on the run's
 * summary page, where people look first) and the full report in a collapsed `::group`. GitLab CI: the
 * report inside a collapsible job-log section, headed by the verdict. No CI: the report as is.
 */
export function renderCiOutput(
  ci: CiKind | undefined,
  report: DiagnosisReport,
  reportText: string,
  now: Date = new Date(),
): string {
  const headline = `gw502 gate: ${report.app} in ${report.namespace}: ${report.verdict.cause}`;
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.summary}`);
  const body = reportText.endsWith('\n') ? reportText : `${reportText}\n`;
  if (ci === 'github') {
    const message = [report.verdict.summary, ...failed.slice(0, 8)].join('\n');
    return `::error title=${ghProperty(headline)}::${ghData(message)}\n::group::${ghData('gw502 diagnosis report')}\n${body}::endgroup::\n`;
  }
  if (ci === 'gitlab') {
    const ts = Math.floor(now.getTime() / 1000);
    const section = 'gw502_report';
    const red = `${ESC}[31;1m${headline}${ESC}[0m`;
    return (
      `${ESC}[0Ksection_start:${ts}:${section}[collapsed=false]\r${ESC}[0K${red}\n` +
      body +
      `${ESC}[0Ksection_end:${ts}:${section}\r${ESC}[0K\n`
    );
  }
  return body;
}
