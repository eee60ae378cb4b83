import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { checkMessageLimits } from '../../src/blocks/check-message-limits.js';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (id: string, text = 'Roll back', extra: Record<string, unknown> = {}) => ({
  type: 'button' as const,
  action_id: id,
  text: { type: 'plain_text' as const, text },
  ...extra,
});

describe('checkMessageLimits', () => {
  it('accepts a small valid message', () => {
    expect(checkMessageLimits({ text: 'hi', blocks: [section('hello')] })).toEqual([]);
  });

  it('flags too many blocks, long section text, long header and empty fallback text', () => {
    const blocks: KnownBlock[] = Array.from({ length: 51 }, () => section('x'));
    blocks.push(section('y'.repeat(3001)));
    blocks.push({ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } });
    const problems = checkMessageLimits({ text: '', blocks });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('53 blocks'),
        expect.stringContaining('text longer than 3000'),
        expect.stringContaining('header longer than 150'),
        expect.stringContaining('empty fallback text'),
      ]),
    );
  });

  it('flags fields, actions, context and button limits', () => {
    const problems = checkMessageLimits({
      text: 't',
      blocks: [
        {
          type: 'section',
          fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2001) })),
        },
        { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`a${i}`)) },
        {
          type: 'context',
          elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'c' })),
        },
        {
          type: 'actions',
          elements: [
            button('long', 'b'.repeat(76), {
              value: 'v'.repeat(2001),
              confirm: {
                title: { type: 'plain_text', text: 't'.repeat(101) },
                text: { type: 'plain_text', text: 't'.repeat(301) },
                confirm: { type: 'plain_text', text: 'c'.repeat(31) },
                deny: { type: 'plain_text', text: 'd' },
              },
            }),
          ],
        },
      ],
    });
    for (const expected of [
      '11 fields',
      'fields[0]: longer than 2000',
      '26 elements',
      'context',
      'button text longer than 75',
      'button value longer than 2000',
      'confirm title',
      'confirm text',
      'confirm confirm button',
    ]) {
      expect(
        problems.some((p) => p.includes(expected)),
        `expected a problem mentioning "${expected}" in ${JSON.stringify(problems)}`,
      ).toBe(true);
    }
  });

  it('flags duplicate and overlong action_id / block_id', () => {
    const problems = checkMessageLimits({
      text: 't',
      blocks: [
        { type: 'actions', block_id: 'same', elements: [button('dup'), button('dup')] },
        { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'x' } },
        { type: 'actions', block_id: 'b'.repeat(256), elements: [button('a'.repeat(256))] },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('action_id "dup" is not unique'),
        expect.stringContaining('block_id "same" is not unique'),
        expect.stringContaining('block_id longer than 255'),
        expect.stringContaining('action_id longer than 255'),
      ]),
    );
  });

  it('flags a message over the size limit', () => {
    const blocks = Array.from({ length: 20 }, () => section('z'.repeat(2999)));
    expect(checkMessageLimits({ text: 't', blocks }).some((p) => p.includes('limit 40000'))).toBe(true);
  });
});
