import { describe, expect, it } from 'vitest';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';
import { renderHelpMessage } from '../../src/blocks/render-help.js';
import { renderHistoryMessage } from '../../src/blocks/render-history.js';
import { renderFailureMessage, renderProgressMessage } from '../../src/blocks/render-progress.js';
import type { CheckResult } from '../../src/diagnosis/report.js';

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  status,
  summary: `${id} summary`,
  evidence: ['e'],
});

describe('progress, failure, help and history messages', () => {
  it('shows "starting…" before the first check and n/m with problems found so far after', () => {
    const first = renderProgressMessage({ app: 'checkout', namespace: 'shop', jobId: 'j1', finished: [] });
    expect(first.text).toBe('Diagnosing checkout in shop… starting…');
    expect(checkMessageLimits(first)).toEqual([]);

    const later = renderProgressMessage({
      app: 'checkout',
      namespace: 'shop',
      jobId: 'j1',
      finished: [check('pods-ready', 'fail'), check('service', 'ok'), check('logs', 'warn')],
      total: 12,
      requestedBy: 'U1',
      attempt: 2,
    });
    expect(later.text).toBe('Diagnosing checkout in shop… 3/12 checks');
    const json = JSON.stringify(later.blocks);
    expect(json).toContain('*pods-ready*');
    expect(json).toContain('*logs*');
    expect(json).not.toContain('*service*');
    expect(json).toContain('attempt 2');
    expect(checkMessageLimits(later)).toEqual([]);
  });

  it('keeps progress valid with hundreds of finished checks', () => {
    const finished = Array.from({ length: 300 }, (_, i) => check(`c${i}-${'x'.repeat(200)}`, 'fail'));
    const msg = renderProgressMessage({ app: 'a', namespace: 'b', jobId: 'j', finished, total: 300 });
    expect(checkMessageLimits(msg)).toEqual([]);
    expect(JSON.stringify(msg.blocks)).toContain('…and 285 more');
  });

  it('says plainly when a diagnosis could not run, or is being retried', () => {
    const final = renderFailureMessage({
      app: 'a',
      namespace: 'b',
      jobId: 'j',
      reason: 'cluster unreachable: ECONNREFUSED',
    });
    expect(final.text).toBe('Could not diagnose a in b: cluster unreachable: ECONNREFUSED');
    const retry = renderFailureMessage({
      app: 'a',
      namespace: 'b',
      jobId: 'j',
      reason: 'timeout',
      retrying: true,
    });
    expect(JSON.stringify(retry.blocks)).toContain('retrying');
    expect(checkMessageLimits(final)).toEqual([]);
    expect(checkMessageLimits(retry)).toEqual([]);
  });

  it('help lists every command, and names the problem when there is one', () => {
    const help = renderHelpMessage('unknown command `frobnicate`');
    const json = JSON.stringify(help.blocks);
    for (const cmd of [
      'diagnose <app> <namespace>',
      'diagnose-host <host> <service>',
      'history [<app> <namespace>]',
      'help',
    ]) {
      expect(json).toContain(cmd);
    }
    expect(json).toContain('frobnicate');
    expect(checkMessageLimits(help)).toEqual([]);
  });

  it('history lists entries newest first with links, and says so when empty', () => {
    const empty = renderHistoryMessage([], { app: 'checkout', namespace: 'shop' });
    expect(empty.text).toContain('No finished diagnoses recorded for checkout in shop');
    const msg = renderHistoryMessage(
      Array.from({ length: 30 }, (_, i) => ({
        app: 'checkout',
        namespace: 'shop',
        cause: 'crash-loop' as const,
        confidence: 'high' as const,
        summary: `run ${i} ${'s'.repeat(300)}`,
        jobId: `j${i}`,
        finishedAt: '2026-12-02T03:00:00.000Z',
        durationMs: 900,
        channel: 'C0OPS',
        ts: '1700000000.000100',
      })),
    );
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('https://slack.com/archives/C0OPS/p1700000000000100|result');
    expect(json).toContain('`crash-loop` (high)');
    expect(checkMessageLimits(msg)).toEqual([]);
  });
});
