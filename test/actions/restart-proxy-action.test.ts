import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyUnhealthy } from '../../src/sim/scenarios/proxy-unhealthy.js';
import { restartProxyAction } from '../../src/actions/restart-proxy-action.js';
import { readDeployment } from '../../src/actions/deployment-api.js';
import { RESTARTED_AT_ANNOTATION } from '../../src/actions/deployment-patches.js';
import {
  fingerprintOf,
  patchesTo,
  quietLogger,
  specFor,
  startScenario,
  type SimFixture,
} from './helpers/remediation-fixture.js';

let sim: SimFixture;
beforeAll(async () => {
  sim = await startScenario(proxyUnhealthy);
  await new Promise((r) => setTimeout(r, 300));
});
afterAll(() => sim.stop());

describe('restart-proxy (kubectl rollout restart)', { timeout: 60_000 }, () => {
  it('stamps restartedAt on the proxy template with one guarded patch; the controller rolls new pods', async () => {
    const target = await fingerprintOf(sim.clients, 'ingress-nginx', 'ingress-nginx-controller');
    const before = await readDeployment(sim.clients, 'ingress-nginx', 'ingress-nginx-controller');
    sim.cluster.resetRequests();
    const now = new Date('2026-12-02T12:00:00Z');
    const result = await restartProxyAction.run({
      spec: specFor({ kind: 'restart-proxy', target }),
      clients: sim.clients,
      kubeConfig: sim.kubeConfig,
      helm: { binary: 'helm', timeoutMs: 1000 },
      logger: quietLogger,
      beforeWrite: () => Promise.resolve(),
      now: () => now,
    });
    expect(result.kind).toBe('wrote');
    expect(patchesTo(sim.cluster, 'ingress-nginx-controller')).toBe(1);
    const after = await readDeployment(sim.clients, 'ingress-nginx', 'ingress-nginx-controller');
    expect(after?.spec?.template.metadata?.annotations?.[RESTARTED_AT_ANNOTATION]).toBe(now.toISOString());
    expect(after?.metadata?.generation).toBe((before?.metadata?.generation ?? 0) + 1);
    // Everything else in the template is untouched.
    expect(after?.spec?.template.spec?.containers).toEqual(before?.spec?.template.spec?.containers);
  });

  it('a proxy deployment re-created since the diagnosis → stale, nothing written', async () => {
    const target = {
      ...(await fingerprintOf(sim.clients, 'ingress-nginx', 'ingress-nginx-controller')),
      uid: 'old-uid',
    };
    sim.cluster.resetRequests();
    const result = await restartProxyAction.run({
      spec: specFor({ kind: 'restart-proxy', target }),
      clients: sim.clients,
      kubeConfig: sim.kubeConfig,
      helm: { binary: 'helm', timeoutMs: 1000 },
      logger: quietLogger,
      beforeWrite: () => Promise.resolve(),
    });
    expect(result.kind).toBe('stale');
    expect(patchesTo(sim.cluster, 'ingress-nginx-controller')).toBe(0);
  });
});
