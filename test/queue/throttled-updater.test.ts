import { describe, expect, it } from 'vitest';
import { ThrottledUpdater } from '../../src/queue/throttled-updater.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ThrottledUpdater', () => {
  it('coalesces a burst into few sends, at most one per interval, and the final state wins', async () => {
    const sent: { state: number; at: number }[] = [];
    const u = new ThrottledUpdater<number>(200, async (s) => {
      sent.push({ state: s, at: Date.now() });
      await sleep(20);
    });
    const started = Date.now();
    for (let i = 1; i <= 50; i += 1) {
      u.push(i);
      await sleep(10);
    }
    const elapsed = Date.now() - started;
    await u.finish(999);
    expect(sent.at(-1)?.state).toBe(999);
    // 50 pushes over `elapsed` ms at 200 ms spacing: one send per interval (plus the final), not 50
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
    expect(sent.length).toBeLessThan(20);
    for (let i = 1; i < sent.length - 1; i += 1) {
      expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(190);
    }
    // progress states only move forward
    const states = sent.slice(0, -1).map((s) => s.state);
    expect([...states].sort((a, b) => a - b)).toEqual(states);
  });

  it('never sends progress after the final state, and keeps going after a failed progress send', async () => {
    const sent: number[] = [];
    let fail = true;
    const errors: unknown[] = [];
    const u = new ThrottledUpdater<number>(
      50,
      async (s) => {
        await sleep(30);
        if (fail) {
          fail = false;
          throw new Error('429');
        }
        sent.push(s);
      },
      (e) => errors.push(e),
    );
    u.push(1);
    await sleep(10);
    u.push(2);
    await sleep(150);
    await u.finish(3);
    u.push(4);
    await sleep(100);
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([2, 3]);
  });
});
