import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `gw502 sim` as a user runs it: the bundled binary, kubectl against it, a clean stop. */
describe('gw502 sim (whole process)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gw502-sim-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the chosen scenario to kubectl and stops on SIGTERM', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    const sim = execa(
      'node',
      ['bin/gw502.js', 'sim', '--scenario', 'bad-rollout', '--kubeconfig', kubeconfig],
      {
        reject: false,
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('gw502 sim did not start')), 20_000);
      sim.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('KUBECONFIG=')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const pods = await execa(
      'kubectl',
      ['get', 'pods', '-n', 'bad-rollout', '-l', 'app=checkout', '-o', 'json'],
      {
        env: { ...process.env, KUBECONFIG: kubeconfig },
      },
    );
    const list = JSON.parse(pods.stdout) as { items: { metadata: { name: string } }[] };
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    sim.kill('SIGTERM');
    const result = await sim;
    expect(result.exitCode).toBe(0);
  });

  it('refuses an unknown scenario with exit 2 and names it', async () => {
    const r = await execa('node', ['bin/gw502.js', 'sim', '--scenario', 'no-such-thing'], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no-such-thing/);
  });
});
