import { describe, expect, it } from 'vitest';
import { detectCi, renderCiOutput } from '../../src/gate/ci-output.js';
import type { DiagnosisReport } from '../../src/diagnosis/report.js';

const report: DiagnosisReport = {
  app: 'checkout',
  namespace: 'shop',
  verdict: {
    cause: 'bad-rollout',
    confidence: 'high',
    summary: 'Revision 4 crash-loops, 100% of 3 pods',
    actions: [],
  },
  checks: [
    { id: 'gate-rollout', status: 'fail', summary: 'rollout failed: new pods crash-loop', evidence: ['x'] },
  ],
  durationMs: 10,
};

describe('CI output', () => {
  it('detects the runner from its variables', () => {
    expect(detectCi({ GITHUB_ACTIONS: 'true' })).toBe('github');
    expect(detectCi({ GITLAB_CI: 'true' })).toBe('gitlab');
    expect(detectCi({ CI: 'true' })).toBeUndefined();
  });

  it('GitHub: an escaped ::error annotation and the report in a group', () => {
    const out = renderCiOutput('github', report, 'REPORT\nLINE 2');
    const [annotation, group, ...rest] = out.split('\n');
    expect(annotation).toBe(
      '::error title=gw502 gate%3A checkout in shop%3A bad-rollout::Revision 4 crash-loops, 100%25 of 3 pods%0Agate-rollout: rollout failed: new pods crash-loop',
    );
    expect(group).toBe('::group::gw502 diagnosis report');
    expect(rest.join('\n')).toBe('REPORT\nLINE 2\n::endgroup::\n');
  });

  it('GitLab: a collapsible section around the report', () => {
    const out = renderCiOutput('gitlab', report, 'REPORT', new Date(1_700_000_000_000));
    expect(out.startsWith('\u001b[0Ksection_start:1700000000:gw502_report[collapsed=false]\r\u001b[0K')).toBe(
      true,
    );
    expect(out).toContain('gw502 gate: checkout in shop: bad-rollout');
    expect(out).toContain('\nREPORT\n');
    expect(out.endsWith('\u001b[0Ksection_end:1700000000:gw502_report\r\u001b[0K\n')).toBe(true);
  });

  it('no CI: the report alone', () => {
    expect(renderCiOutput(undefined, report, 'REPORT')).toBe('REPORT\n');
  });
});
