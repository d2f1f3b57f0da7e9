import { describe, expect, it } from 'vitest';
import { change, distribution, formatChange, median, percentile } from '../../../src/reports/stats.js';

describe('percentiles (linear interpolation, type 7)', () => {
  it('matches numpy.percentile on known arrays', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    expect(percentile([15, 20, 35, 40, 50], 0.4)).toBe(29);
    expect(percentile([10, 1, 7, 3, 5, 9, 2, 8, 6, 4], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([3, 1, 2], 1)).toBe(3);
  });

  it('handles empty, single and dirty samples', () => {
    expect(median([])).toBeNull();
    expect(distribution([])).toEqual({ median: null, p90: null, count: 0 });
    expect(distribution([42])).toEqual({ median: 42, p90: 42, count: 1 });
    expect(median([5, Number.NaN, 1, Number.POSITIVE_INFINITY, 3])).toBe(3);
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});

describe('week-over-week change', () => {
  it('has arrows and rounded percentages', () => {
    expect(formatChange(change(125, 100))).toBe('↑ 25%');
    expect(formatChange(change(97, 100))).toBe('↓ 3%');
    expect(formatChange(change(100, 100))).toBe('→ 0%');
    expect(formatChange(change(1001, 1000))).toBe('↑ <1%');
  });

  it('never divides by zero when last week was 0', () => {
    expect(change(5, 0)).toEqual({ delta: 5, pct: null, arrow: '↑' });
    expect(formatChange(change(5, 0))).toBe('↑ new');
    expect(formatChange(change(0, 0))).toBe('→');
    expect(formatChange(change(0, 4))).toBe('↓ 100%');
  });
});
