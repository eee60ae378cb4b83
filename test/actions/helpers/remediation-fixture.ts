import { Redis } from 'ioredis';
import { testRedisUrl } from '../../helpers/test-redis.js';
import { pino } from 'pino';
import type { V1Deployment } from '@kubernetes/client-node';
import { makeClients, type KubeClients } from '../../../src/k8s/clients.js';
import type { Scenario } from '../../../src/sim/scenario.js';
import { SimCluster } from '../../../src/sim/sim-cluster.js';
import { WorldRuntime } from '../../../src/sim/world-runtime.js';
import type { ApprovalSpec, ExpectedTarget } from '../../../src/actions/approval.js';
import { readDeployment } from '../../../src/actions/deployment-api.js';
import { liveRevision } from '../../../src/actions/stale-guard.js';
import { KubeConfig } from '@kubernetes/client-node';

export const quietLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

/**
 * Each test file of remediation gets its own Redis database, so one file's reaper never sees another
 * file's approvals (files run in parallel).
 */
export function redisDb(db: number): { url: string; redis: Redis } {
  const url = testRedisUrl(db);
  return { url, redis: new Redis(url, { maxRetriesPerRequest: null }) };
}

export interface SimFixture {
  cluster: SimCluster;
  kubeConfig: KubeConfig;
  clients: KubeClients;
  stop(): Promise<void>;
}

/** A simulated cluster with the world runtime (controllers roll out, pods crash or become ready). */
export async function startScenario(s: Scenario): Promise<SimFixture> {
  const cluster = new SimCluster({
    runtime: new WorldRuntime({ scenario: s }),
    scenarios: [s],
    reconcileIntervalMs: 100,
  });
  await cluster.start();
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(cluster.kubeconfig());
  const clients = makeClients(kubeConfig, { requestTimeoutMs: 10_000 });
  return { cluster, kubeConfig, clients, stop: () => cluster.stop() };
}

export async function fingerprintOf(
  clients: KubeClients,
  namespace: string,
  name: string,
): Promise<ExpectedTarget> {
  const d = (await readDeployment(clients, namespace, name)) as V1Deployment;
  return {
    kind: 'Deployment',
    namespace,
    name,
    uid: d.metadata?.uid,
    resourceVersion: d.metadata?.resourceVersion,
    generation: d.metadata?.generation,
    revision: liveRevision(d),
  };
}

export function specFor(
  overrides: Partial<ApprovalSpec> & Pick<ApprovalSpec, 'kind' | 'target'>,
): ApprovalSpec {
  const now = new Date();
  return {
    id: `t${Math.random().toString(36).slice(2, 12)}`,
    groupId: `g${Math.random().toString(36).slice(2, 12)}`,
    app: overrides.target.name,
    namespace: overrides.target.namespace,
    requester: 'U0REQUEST',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 15 * 60_000).toISOString(),
    ...overrides,
  };
}

export const patchesTo = (cluster: SimCluster, name: string): number =>
  cluster.requestCount((r) => r.method === 'PATCH' && r.path.includes(`/deployments/${name}`));

export async function until<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
