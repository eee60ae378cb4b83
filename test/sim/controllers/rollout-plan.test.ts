import { describe, expect, it } from 'vitest';
import { planRollout, resolveFenceposts } from '../../../src/sim/controllers/rollout-plan.js';

describe('RollingUpdate arithmetic', () => {
  it('rounds maxSurge up and maxUnavailable down, like intstr scaling', () => {
    expect(resolveFenceposts({ replicas: 3, maxSurge: '25%', maxUnavailable: '25%' })).toEqual({
      surge: 1,
      unavailable: 0,
    });
    expect(resolveFenceposts({ replicas: 10, maxSurge: '25%', maxUnavailable: '25%' })).toEqual({
      surge: 3,
      unavailable: 2,
    });
    expect(resolveFenceposts({ replicas: 3, maxSurge: 0, maxUnavailable: 0 })).toEqual({
      surge: 0,
      unavailable: 1,
    });
  });

  it('with new pods never ready, keeps the old ReplicaSet at 3/3 and the new one at 1', () => {
    let newR = 0;
    let oldR = 3;
    for (let i = 0; i < 5; i++) {
      const p = planRollout({
        replicas: 3,
        maxSurge: '25%',
        maxUnavailable: '25%',
        newRs: { name: 'n', replicas: newR, pods: newR, available: 0 },
        oldRs: [{ name: 'o', replicas: oldR, pods: oldR, available: oldR }],
      });
      newR = p.newReplicas;
      oldR = p.oldReplicas[0]!;
    }
    expect([newR, oldR]).toEqual([1, 3]);
  });

  it('with ready new pods, converges to the new ReplicaSet only', () => {
    let newR = 0;
    let oldR = 3;
    for (let i = 0; i < 10; i++) {
      const p = planRollout({
        replicas: 3,
        maxSurge: '25%',
        maxUnavailable: '25%',
        newRs: { name: 'n', replicas: newR, pods: newR, available: newR },
        oldRs: [{ name: 'o', replicas: oldR, pods: oldR, available: oldR }],
      });
      expect(p.newReplicas + p.oldReplicas[0]!).toBeLessThanOrEqual(4);
      newR = p.newReplicas;
      oldR = p.oldReplicas[0]!;
    }
    expect([newR, oldR]).toEqual([3, 0]);
  });
});
