import { describe, expect, it } from 'vitest';
import { CAUSE_PRIORITY, rankVerdict } from '../../src/diagnosis/rank-verdict.js';
import { CAUSES, type CheckResult, type Cause } from '../../src/diagnosis/report.js';

const fail = (id: string, cause?: Cause, confidence: 'low' | 'medium' | 'high' = 'high'): CheckResult => ({
  id,
  status: 'fail',
  summary: `${id} failed`,
  evidence: [`${id} evidence`],
  proposals: cause ? [{ cause, confidence, summary: `${cause} summary` }] : [],
});
const okResult = (id: string): CheckResult => ({ id, status: 'ok', summary: 'ok', evidence: [] });

describe('rankVerdict', () => {
  it('no fail → healthy, high confidence when everything ran', () => {
    expect(rankVerdict([okResult('a'), okResult('b')], { appFound: true })).toMatchObject({
      cause: 'healthy',
      confidence: 'high',
    });
  });

  it('healthy with checks that could not run → lower confidence and names them', () => {
    const v = rankVerdict(
      [okResult('a'), { id: 'network-policy', status: 'error', summary: 'cannot list', evidence: [] }],
      { appFound: true },
    );
    expect(v).toMatchObject({ cause: 'healthy', confidence: 'low' });
    expect(v.summary).toContain('network-policy');
    const skipped = rankVerdict(
      [okResult('a'), { id: 'resource-usage', status: 'skipped', summary: '404', evidence: [] }],
      { appFound: true },
    );
    expect(skipped.confidence).toBe('medium');
  });

  it('app not found wins over everything', () => {
    expect(rankVerdict([fail('x', 'crash-loop')], { appFound: false }).cause).toBe('app-not-found');
  });

  it('every cause in the priority list beats every cause after it', () => {
    for (let i = 0; i < CAUSE_PRIORITY.length; i++) {
      for (let j = i + 1; j < CAUSE_PRIORITY.length; j++) {
        const v = rankVerdict([fail('b', CAUSE_PRIORITY[j]), fail('a', CAUSE_PRIORITY[i])], {
          appFound: true,
        });
        expect(v.cause).toBe(CAUSE_PRIORITY[i]);
      }
    }
  });

  it('the priority covers every contract cause except healthy and unknown', () => {
    expect([...CAUSE_PRIORITY].sort()).toEqual(
      CAUSES.filter((c) => c !== 'healthy' && c !== 'unknown').sort(),
    );
  });

  it('bad-rollout beats crash-loop and carries only its own actions', () => {
    const results: CheckResult[] = [
      fail('container-crashes', 'crash-loop'),
      {
        ...fail('rollout-history'),
        proposals: [
          {
            cause: 'bad-rollout',
            confidence: 'high',
            summary: 'roll back',
            actions: [{ kind: 'rollback', target: 'deployment/checkout', toRevision: 3 }],
          },
        ],
      },
      {
        ...fail('proxy-health'),
        status: 'warn',
        proposals: [
          {
            cause: 'proxy-unhealthy',
            confidence: 'low',
            summary: 'x',
            actions: [{ kind: 'restart-proxy', target: 'deployment/ingress-nginx-controller' }],
          },
        ],
      },
    ];
    const v = rankVerdict(results, { appFound: true });
    expect(v.cause).toBe('bad-rollout');
    expect(v.actions).toEqual([{ kind: 'rollback', target: 'deployment/checkout', toRevision: 3 }]);
  });

  it('a cause backed by a fail beats a higher-priority cause backed only by a warn', () => {
    const v = rankVerdict(
      [
        fail('container-crashes', 'crash-loop'),
        { ...fail('target-port', 'target-port-mismatch', 'low'), status: 'warn' },
      ],
      { appFound: true },
    );
    expect(v.cause).toBe('crash-loop');
  });

  it('a warn-only explanation is used (at low confidence) for unexplained symptoms', () => {
    const v = rankVerdict(
      [fail('proxy-logs'), { ...fail('target-port', 'target-port-mismatch', 'low'), status: 'warn' }],
      { appFound: true },
    );
    expect(v).toMatchObject({ cause: 'target-port-mismatch', confidence: 'low' });
  });

  it('symptoms without any proposal → unknown naming the failed checks', () => {
    const v = rankVerdict([fail('proxy-logs'), fail('health-probe')], { appFound: true });
    expect(v.cause).toBe('unknown');
    expect(v.summary).toContain('proxy-logs (proxy-logs failed)');
  });

  it('confidence: high with two agreeing sources, medium with one, lowered by an error', () => {
    expect(rankVerdict([fail('a', 'crash-loop')], { appFound: true }).confidence).toBe('medium');
    expect(rankVerdict([fail('a', 'crash-loop'), fail('pods-ready')], { appFound: true }).confidence).toBe(
      'high',
    );
    expect(
      rankVerdict(
        [
          fail('a', 'crash-loop'),
          fail('pods-ready'),
          { id: 'e', status: 'error', summary: '403', evidence: [] },
        ],
        {
          appFound: true,
        },
      ).confidence,
    ).toBe('medium');
    expect(
      rankVerdict([fail('a', 'crash-loop', 'low'), fail('pods-ready')], { appFound: true }).confidence,
    ).toBe('low');
  });

  it('gitops on the winning proposal is carried to the verdict', () => {
    const v = rankVerdict(
      [
        {
          ...fail('rollout-history'),
          proposals: [
            {
              cause: 'bad-rollout',
              confidence: 'high',
              summary: 'git',
              gitops: { tool: 'flux', detail: 'Flux Kustomization apps' },
            },
          ],
        },
      ],
      { appFound: true },
    );
    expect(v.gitops).toEqual({ tool: 'flux', detail: 'Flux Kustomization apps' });
    expect(v.actions).toEqual([]);
  });
});
