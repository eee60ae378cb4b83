import { describe, expect, it } from 'vitest';
import { gateRolloutCheck } from '../../src/gate/gate-rollout-check.js';
import { gateUrlCheck } from '../../src/gate/gate-url-check.js';
import { mergeGateFindings } from '../../src/gate/merge-gate-findings.js';
import type { UrlProbeOutcome } from '../../src/gate/probe-url.js';
import type { RolloutOutcome } from '../../src/gate/wait-for-rollout.js';
import type { DiagnosisReport } from '../../src/diagnosis/report.js';

const healthyReport: DiagnosisReport = {
  app: 'checkout',
  namespace: 'shop',
  verdict: { cause: 'healthy', confidence: 'high', summary: 'nothing explains a 502', actions: [] },
  checks: [{ id: 'pods-ready', status: 'ok', summary: '3/3 ready', evidence: [] }],
  durationMs: 100,
};

const workload = {
  kind: 'Deployment' as const,
  object: {
    metadata: {
      name: 'checkout',
      namespace: 'shop',
      annotations: { 'deployment.kubernetes.io/revision': '4' },
    },
    spec: { replicas: 3, selector: {}, template: {} },
    status: { readyReplicas: 3 },
  },
};

function rollout(over: Partial<RolloutOutcome>): RolloutOutcome {
  return {
    result: 'complete',
    workload,
    message: 'deployment "checkout" successfully rolled out',
    progress: [
      {
        atMs: 1200,
        message:
          'Waiting for deployment "checkout" rollout to finish: 1 out of 3 new replicas have been updated...',
      },
    ],
    newPods: [],
    troubles: [],
    elapsedMs: 5000,
    timeoutMs: 300_000,
    ...over,
  };
}

const url502: UrlProbeOutcome = {
  passed: false,
  answers: [
    { at: '2025-01-01T12:00:00.000Z', status: 502, durationMs: 3 },
    { at: '2025-01-01T12:00:02.000Z', status: 502, durationMs: 4 },
  ],
  omitted: 0,
  streak: 0,
  elapsedMs: 2000,
};

describe('mergeGateFindings', () => {
  it('a URL that kept answering 502 is never reported healthy', () => {
    const r = rollout({});
    const merged = mergeGateFindings(healthyReport, {
      rollout: r,
      rolloutCheck: gateRolloutCheck(r),
      url: {
        url: 'https://shop.example.com/health',
        outcome: url502,
        check: gateUrlCheck('https://shop.example.com/health', url502, 3),
      },
    });
    expect(merged.verdict.cause).toBe('unknown');
    expect(merged.verdict.summary).toContain(
      'https://shop.example.com/health kept failing (2 of 2 answers were 5xx; last answer 502)',
    );
    expect(merged.checks.map((c) => c.id)).toEqual(['gate-rollout', 'gate-url', 'pods-ready']);
    const urlCheck = merged.checks[1]!;
    expect(urlCheck.status).toBe('fail');
    expect(urlCheck.evidence).toHaveLength(2);
  });

  it('a failing new pod while the old revision serves → bad-rollout with a rollback to it', () => {
    const r = rollout({
      result: 'failed',
      message: 'new pod checkout-h4-x is failing',
      podFailure: {
        pod: 'checkout-h4-x',
        cause: 'crash-loop',
        detail: 'container app CrashLoopBackOff, 2 restarts',
      },
      servingRevision: { revision: 3, ready: 3, replicaSet: 'checkout-h3' },
    });
    const merged = mergeGateFindings(healthyReport, { rollout: r, rolloutCheck: gateRolloutCheck(r) });
    expect(merged.verdict.cause).toBe('bad-rollout');
    expect(merged.verdict.actions).toEqual([
      expect.objectContaining({
        kind: 'rollback',
        target: 'deployment/checkout',
        namespace: 'shop',
        toRevision: 3,
      }),
    ]);
    expect(merged.checks[0]).toMatchObject({ id: 'gate-rollout', status: 'fail' });
    expect(merged.checks[0]!.evidence).toContain(
      'failing new pod checkout-h4-x: container app CrashLoopBackOff, 2 restarts',
    );
  });

  it('a timed-out rollout the diagnosis cannot explain → unknown, low confidence', () => {
    const r = rollout({
      result: 'timeout',
      message:
        'Waiting for deployment "checkout" rollout to finish: 2 of 3 updated replicas are available...',
    });
    const merged = mergeGateFindings(healthyReport, { rollout: r, rolloutCheck: gateRolloutCheck(r) });
    expect(merged.verdict).toMatchObject({ cause: 'unknown', confidence: 'low' });
    expect(merged.verdict.summary).toMatch(/did not complete within 5m/);
    expect(merged.checks[0]!.summary).toMatch(/^rollout did not complete within 5m: Waiting for/);
  });

  it('keeps the diagnosis’s own verdict when it found a cause', () => {
    const r = rollout({ result: 'timeout' });
    const crash: DiagnosisReport = {
      ...healthyReport,
      verdict: { cause: 'crash-loop', confidence: 'high', summary: 'containers keep exiting', actions: [] },
    };
    expect(mergeGateFindings(crash, { rollout: r, rolloutCheck: gateRolloutCheck(r) }).verdict.cause).toBe(
      'crash-loop',
    );
  });
});
