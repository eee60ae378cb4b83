import type { V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { deploymentRolloutStatus, statefulSetRolloutStatus } from '../../src/k8s/rollout-status.js';

function dep(status: V1Deployment['status'], generation = 2, replicas = 3): V1Deployment {
  return {
    metadata: { name: 'checkout', generation },
    spec: { replicas, selector: {}, template: {} },
    status,
  };
}

describe('deploymentRolloutStatus (kubectl rollout status semantics)', () => {
  it('waits until the controller observed the new spec', () => {
    const s = deploymentRolloutStatus(
      dep({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s.state).toBe('progressing');
    expect(s.message).toMatch(/spec update to be observed/);
  });

  it('waits for updated replicas', () => {
    const s = deploymentRolloutStatus(
      dep({ observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }),
    );
    expect(s).toEqual({
      state: 'progressing',
      message:
        'Waiting for deployment "checkout" rollout to finish: 1 out of 3 new replicas have been updated...',
    });
  });

  it('waits for old replicas to terminate', () => {
    const s = deploymentRolloutStatus(
      dep({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s.message).toMatch(/1 old replicas are pending termination/);
  });

  it('waits for updated replicas to be available', () => {
    const s = deploymentRolloutStatus(
      dep({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
    );
    expect(s.message).toMatch(/2 of 3 updated replicas are available/);
  });

  it('is complete when all are updated and available', () => {
    const s = deploymentRolloutStatus(
      dep({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
    );
    expect(s.state).toBe('complete');
  });

  it('fails on ProgressDeadlineExceeded', () => {
    const s = deploymentRolloutStatus(
      dep({
        observedGeneration: 2,
        replicas: 4,
        updatedReplicas: 1,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      }),
    );
    expect(s).toEqual({ state: 'failed', message: 'deployment "checkout" exceeded its progress deadline' });
  });
});

function sts(
  spec: Partial<V1StatefulSet['spec']>,
  status: V1StatefulSet['status'],
  generation = 2,
): V1StatefulSet {
  return {
    metadata: { name: 'db', generation },
    spec: { replicas: 3, selector: {}, serviceName: 'db', template: {}, ...spec },
    status,
  };
}

describe('statefulSetRolloutStatus', () => {
  const rolling = { updateStrategy: { type: 'RollingUpdate' } };
  it('waits for the spec to be observed', () => {
    expect(statefulSetRolloutStatus(sts(rolling, { replicas: 3, observedGeneration: 1 })).state).toBe(
      'progressing',
    );
  });
  it('waits for ready replicas', () => {
    const s = statefulSetRolloutStatus(
      sts(rolling, { replicas: 3, observedGeneration: 2, readyReplicas: 1 }),
    );
    expect(s.message).toBe('Waiting for 2 pods to be ready...');
  });
  it('waits until currentRevision catches up with updateRevision', () => {
    const s = statefulSetRolloutStatus(
      sts(rolling, {
        replicas: 3,
        observedGeneration: 2,
        readyReplicas: 3,
        currentRevision: 'db-1',
        updateRevision: 'db-2',
      }),
    );
    expect(s.state).toBe('progressing');
    const done = statefulSetRolloutStatus(
      sts(rolling, {
        replicas: 3,
        observedGeneration: 2,
        readyReplicas: 3,
        currentRevision: 'db-2',
        updateRevision: 'db-2',
      }),
    );
    expect(done.state).toBe('complete');
  });
  it('counts updated pods against the partition', () => {
    const part = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
    const waiting = { replicas: 3, observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 };
    expect(statefulSetRolloutStatus(sts(part, waiting)).message).toMatch(/1 out of 2 new pods/);
    expect(statefulSetRolloutStatus(sts(part, { ...waiting, updatedReplicas: 2 })).state).toBe('complete');
  });
});
