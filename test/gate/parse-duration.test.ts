import { describe, expect, it } from 'vitest';
import { DurationError, formatDuration, parseDuration } from '../../src/gate/parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1h2m3s', 3_723_000],
    [' 45s ', 45_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '300', '5 m', '1.5m', '5M', 'm', '30s5m', '-5m', '0s', '0m0s', '25h', '5min', 'abc'])(
    'refuses %j with a clear message',
    (text) => {
      expect(() => parseDuration(text)).toThrow(DurationError);
      expect(() => parseDuration(text)).toThrow(/invalid duration/);
    },
  );

  it('says a bare number lacks its unit', () => {
    expect(() => parseDuration('300')).toThrow(/missing unit/);
  });

  it('formats back', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(1_400)).toBe('1s');
    expect(formatDuration(3_600_000)).toBe('1h');
  });
});
