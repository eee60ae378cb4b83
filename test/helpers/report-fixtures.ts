import type { CheckResult, DiagnosisReport } from '../../src/diagnosis/report.js';

/** Reports shaped like the engine's, for renderer and queue tests. */
export function crashLoopReport(overrides: Partial<DiagnosisReport> = {}): DiagnosisReport {
  return {
    app: 'checkout',
    namespace: 'shop',
    verdict: {
      cause: 'bad-rollout',
      confidence: 'high',
      summary: 'The 502s began with revision 4 of deployment/checkout; revision 3 was healthy.',
      actions: [
        {
          kind: 'rollback',
          target: 'deployment/checkout',
          namespace: 'shop',
          toRevision: 3,
          reason: 'revision 3 ran 2 days without restarts',
        },
      ],
    },
    checks: [
      {
        id: 'pods-ready',
        status: 'fail',
        summary: '0/3 ready',
        evidence: ['checkout-7d9f-abc: CrashLoopBackOff (exit 1), 5 restarts'],
      },
      {
        id: 'recent-rollout',
        status: 'fail',
        summary: 'revision 4 rolled out 3 min ago',
        evidence: ['revision 4: image shop/checkout:1.4.0'],
      },
      {
        id: 'pod-logs',
        status: 'warn',
        summary: 'errors in previous container logs',
        evidence: ['Error: Cannot find module ./config'],
      },
      { id: 'service-endpoints', status: 'ok', summary: 'service checkout selects 3 pods', evidence: [] },
      { id: 'proxy-logs', status: 'skipped', summary: 'no ingress controller found', evidence: [] },
      {
        id: 'network-policies',
        status: 'error',
        summary: 'cannot list networkpolicies (403): needs list on networking.k8s.io/networkpolicies',
        evidence: [],
      },
    ],
    durationMs: 1234,
    finishedAt: '2026-12-02T03:00:00.000Z',
    ...overrides,
  };
}

/** The worst case the issue names: 10,000 log lines and 200 failing pods. */
export function hugeReport(): DiagnosisReport {
  const logLines = Array.from(
    { length: 10_000 },
    (_, i) =>
      `2026-12-02T03:00:${String(i % 60).padStart(2, '0')}Z ERROR upstream failed request ${i} \`\`\` <!channel> ${'x'.repeat(i % 500)}`,
  );
  const podLines = Array.from(
    { length: 200 },
    (_, i) => `checkout-${i}: CrashLoopBackOff (exit 1), ${i} restarts`,
  );
  const many: CheckResult[] = Array.from({ length: 30 }, (_, i) => ({
    id: `extra-check-${i}`,
    status: i % 2 ? 'warn' : 'fail',
    summary: `problem ${i} ${'y'.repeat(800)}`,
    evidence: podLines,
  }));
  return crashLoopReport({
    checks: [
      { id: 'pods-ready', status: 'fail', summary: '0/200 ready', evidence: podLines },
      { id: 'pod-logs', status: 'fail', summary: '10000 error lines', evidence: logLines },
      ...many,
    ],
    verdict: { ...crashLoopReport().verdict, summary: 's'.repeat(5000) },
  });
}
