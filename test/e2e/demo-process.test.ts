import { execa } from 'execa';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { portIsFree } from '../../src/demo/free-port.js';
import { processAlive, startDemoProcess } from '../demo/demo-process.js';

describe('gw502 demo as a whole process', () => {
  it('prints the page URL, serves the page, and on SIGINT stops everything it started', async () => {
    const demo = await startDemoProcess();
    try {
      expect(demo.pageUrl).toBe(`http://127.0.0.1:${demo.pagePort}`);
      const page = await fetch(demo.pageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('/gw502 diagnose checkout shop');
      expect(await processAlive(demo.redisPid)).toBe(true);
    } finally {
      demo.child.kill('SIGINT');
    }
    const result = await demo.child;
    expect(result.exitCode, demo.output()).toBe(0);
    expect(await processAlive(demo.redisPid)).toBe(false);
    expect(await portIsFree(demo.pagePort)).toBe(true);
    expect(await portIsFree(demo.clusterPort)).toBe(true);
    expect(await portIsFree(demo.redisPort)).toBe(true);
  }, 240_000);

  it('says clearly that the port is taken, starts nothing and exits 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await execa('node', ['bin/gw502.js', 'demo'], {
        env: { ...process.env, PORT: String(port), REDIS_URL: 'redis://127.0.0.1:1' },
        reject: false,
        timeout: 120_000,
      });
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim()).toBe(
        `gw502 demo: port ${port} is already in use; stop what is using it or start the demo with PORT=<another port>`,
      );
    } finally {
      blocker.close();
    }
  }, 150_000);
});
