import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/checks/check.js';
import { clusterChecks } from '../../src/checks/registry.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { healthySnapshot } from './helpers/healthy-snapshot.js';

const check = (id: string, run: Check<number>['run']): Check<number> => ({
  id,
  runbookStep: '1',
  title: id,
  run,
});

describe('runChecks', () => {
  it('isolates a throwing check, fills id/step/duration, keeps registry order', async () => {
    const seen: string[] = [];
    const results = await runChecks(
      [
        check('a', (n) => ({ status: 'ok', summary: `n=${n}`, evidence: [] })),
        check('boom', () => {
          throw new Error('cannot read properties of undefined');
        }),
        check('c', () => ({ status: 'warn', summary: 'w', evidence: ['e'] })),
      ],
      7,
      { onResult: (r, done, total) => seen.push(`${r.id}:${done}/${total}`) },
    );
    expect(results.map((r) => [r.id, r.status, r.runbookStep])).toEqual([
      ['a', 'ok', '1'],
      ['boom', 'error', '1'],
      ['c', 'warn', '1'],
    ]);
    expect(results[0]!.summary).toBe('n=7');
    expect(results[1]!.summary).toBe('check failed: cannot read properties of undefined');
    expect(results.every((r) => typeof r.durationMs === 'number')).toBe(true);
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)).toMatch(/:3\/3$/);
  });

  it('a check that never finishes is reported as timed out; the others complete', async () => {
    const hanging = {
      ...check('hang', () => ({ status: 'ok', summary: '', evidence: [] })),
      run: () => new Promise(() => {}),
    } as unknown as Check<number>;
    const results = await runChecks(
      [hanging, check('b', () => ({ status: 'ok', summary: 'fine', evidence: [] }))],
      1,
      { timeoutMs: 50 },
    );
    expect(results[0]).toMatchObject({
      id: 'hang',
      status: 'error',
      summary: 'check failed: timed out after 50 ms',
    });
    expect(results[1]).toMatchObject({ id: 'b', status: 'ok' });
  });

  it('a fail without evidence gets its summary as evidence (contract: every fail has evidence)', async () => {
    const [r] = await runChecks([check('f', () => ({ status: 'fail', summary: 'broken', evidence: [] }))], 0);
    expect(r!.evidence).toEqual(['broken']);
  });

  it('the registry has unique ids and covers steps 1–6, pro-tip and faq', async () => {
    const ids = clusterChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(clusterChecks.map((c) => c.runbookStep))).toEqual(
      new Set(['1', '2', '3', '4', '5', '6', 'pro-tip', 'faq']),
    );
    const results = await runChecks(clusterChecks, healthySnapshot());
    expect(results.map((r) => r.id)).toEqual(ids);
  });
});
