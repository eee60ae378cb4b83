import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeUrl } from '../../src/gate/probe-url.js';
import { gateUrlCheck } from '../../src/gate/gate-url-check.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A local HTTP server answering the given statuses in order (the last one repeats). */
async function serve(statuses: number[], delayMs = 0): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    const status = statuses[Math.min(hits, statuses.length - 1)] ?? 200;
    hits += 1;
    setTimeout(() => res.writeHead(status, { connection: 'close' }).end(`status ${status}`), delayMs);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/health`, hits: () => hits };
}

describe('probeUrl', () => {
  it('passes after three good answers in a row; a 502 in between resets the streak', async () => {
    const { url, hits } = await serve([200, 502, 200, 404, 200]);
    const out = await probeUrl(url, { deadline: Date.now() + 5000, intervalMs: 20 });
    expect(out.passed).toBe(true);
    expect(hits()).toBe(5);
    expect(out.answers.map((a) => a.status)).toEqual([200, 502, 200, 404, 200]);
  });

  it('a URL that keeps answering 502 fails at the deadline, with every answer as evidence', async () => {
    const { url } = await serve([502]);
    const started = Date.now();
    const out = await probeUrl(url, { deadline: Date.now() + 600, intervalMs: 100 });
    expect(out.passed).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(out.answers.length).toBeGreaterThanOrEqual(2);
    expect(out.answers.every((a) => a.status === 502)).toBe(true);
    const check = gateUrlCheck(url, out, 3);
    expect(check.status).toBe('fail');
    expect(check.summary).toMatch(
      new RegExp(`${out.answers.length} of ${out.answers.length} answers were 5xx; last answer 502`),
    );
    expect(check.evidence[0]).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/health → 502 in \d+ ms/);
  });

  it('no answer (connection refused) counts as a failure and says why', async () => {
    const { url } = await serve([200]);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const out = await probeUrl(url, { deadline: Date.now() + 300, intervalMs: 100 });
    expect(out.passed).toBe(false);
    expect(out.answers[0]?.status).toBeUndefined();
    expect(out.answers[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('a slow answer is cut at the per-request timeout', async () => {
    const { url } = await serve([200], 2000);
    const out = await probeUrl(url, { deadline: Date.now() + 300, intervalMs: 50, requestTimeoutMs: 200 });
    expect(out.passed).toBe(false);
    expect(out.answers[0]?.error).toMatch(/no answer within 200 ms/);
  });

  it('keeps the first and last answers of a long probe', async () => {
    const { url, hits } = await serve([503]);
    const stop = new AbortController();
    const watcher = setInterval(() => hits() >= 45 && stop.abort(), 2);
    const out = await probeUrl(url, { deadline: Date.now() + 60_000, intervalMs: 1, signal: stop.signal });
    clearInterval(watcher);
    expect(out.answers).toHaveLength(30);
    expect(out.answers.length + out.omitted).toBe(hits());
    expect(gateUrlCheck(url, out, 3).evidence[10]).toMatch(/answers in between not shown/);
  });
});
