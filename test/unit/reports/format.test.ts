import { describe, expect, it } from 'vitest';
import { clamp, escapeMrkdwn, formatCount, formatShare, humanizeDuration } from '../../../src/reports/format.js';

describe('report text helpers', () => {
  it('humanizes durations to two units with carrying', () => {
    expect(humanizeDuration(null)).toBe('–');
    expect(humanizeDuration(0)).toBe('0s');
    expect(humanizeDuration(45)).toBe('45s');
    expect(humanizeDuration(59.6)).toBe('1m');
    expect(humanizeDuration(270)).toBe('4m 30s');
    expect(humanizeDuration(2 * 3600 + 5 * 60 + 10)).toBe('2h 5m');
    expect(humanizeDuration(2 * 3600 + 59 * 60 + 50)).toBe('3h');
    expect(humanizeDuration(23 * 3600 + 59 * 60 + 40)).toBe('1d');
    expect(humanizeDuration(3 * 86400 + 4 * 3600)).toBe('3d 4h');
  });

  it('formats shares, counts and unsafe text', () => {
    expect(formatShare(null)).toBe('–');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.004)).toBe('<1%');
    expect(formatShare(0.125)).toBe('13%');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
    expect(clamp('abcdef', 4)).toBe('abc…');
    expect(clamp('abc', 4)).toBe('abc');
  });
});
