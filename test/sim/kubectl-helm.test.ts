import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedSim } from '../helpers/start-sim.js';
import { runTool } from '../helpers/run-kubectl.js';
import { namespace } from '../helpers/sim-objects.js';
import { startSim } from '../helpers/start-sim.js';
import { layerHelm } from '../helpers/tools.js';

/**
 * helm 4 (from the layer zip) installs, upgrades and rolls back a chart on the simulated cluster: its
 * release Secrets arrive as protobuf, its manifests as server-side apply / patches.
 */
describe('helm 4 against the simulated cluster', () => {
  let sim: StartedSim;
  let helm: string;
  let dir: string;
  let env: Record<string, string>;
  const h = (...args: string[]) =>
    runTool(helm, sim.kubeconfigPath, args, { env, cwd: dir, timeoutMs: 30_000 });

  function image(): string | undefined {
    const dep = sim.cluster.store.get(sim.cluster.store.typeOf('apps/v1', 'Deployment'), 'shop', 'web-chart');
    return (dep?.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)?.template
      .spec.containers[0]?.image;
  }

  beforeAll(async () => {
    helm = await layerHelm();
    dir = await mkdtemp(join(tmpdir(), 'gw502-helm-'));
    env = {
      HELM_CACHE_HOME: join(dir, 'cache'),
      HELM_CONFIG_HOME: join(dir, 'config'),
      HELM_DATA_HOME: join(dir, 'data'),
    };
    sim = await startSim({ objects: [namespace('shop')] });
    const created = await h('create', 'chart');
    expect(created.exitCode, created.stderr).toBe(0);
  });
  afterAll(async () => {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('install → upgrade → rollback restores the first release and records history in Secrets', async () => {
    const install = await h('install', 'web', './chart', '-n', 'shop', '--set', 'image.tag=1.0');
    expect(install.exitCode, install.stderr).toBe(0);
    expect(image()).toBe('nginx:1.0');

    const upgrade = await h('upgrade', 'web', './chart', '-n', 'shop', '--set', 'image.tag=2.0');
    expect(upgrade.exitCode, upgrade.stderr).toBe(0);
    expect(image()).toBe('nginx:2.0');

    const rollback = await h('rollback', 'web', '1', '-n', 'shop');
    expect(rollback.exitCode, rollback.stderr).toBe(0);
    expect(image()).toBe('nginx:1.0');

    const history = await h('history', 'web', '-n', 'shop', '-o', 'json');
    const revisions = JSON.parse(history.stdout) as { revision: number; status: string }[];
    expect(revisions.map((r) => `${r.revision}:${r.status}`)).toEqual([
      '1:superseded',
      '2:superseded',
      '3:deployed',
    ]);

    const secrets = sim.cluster.store.list(sim.cluster.store.typeOf('v1', 'Secret'), 'shop');
    const release = secrets.find((s) => s.metadata.name === 'sh.helm.release.v1.web.v3');
    expect(release?.metadata.labels).toMatchObject({
      owner: 'helm',
      name: 'web',
      status: 'deployed',
      version: '3',
    });
    expect(typeof (release?.data as { release?: unknown } | undefined)?.release).toBe('string');
  });
});
