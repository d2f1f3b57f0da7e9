// Small statistics for the weekly report.
//
// Percentiles use LINEAR INTERPOLATION between closest ranks (Hyndman & Fan type 7: the default of
// numpy.percentile, R's quantile() and Excel PERCENTILE.INC): for sorted x[0..n-1] and p in [0,1],
// h = (n-1)·p, result = x[floor h] + (h - floor h)·(x[floor h + 1] - x[floor h]).
// Chosen over nearest-rank because the median of an even-sized sample is then the usual mean of
// the two middle values, and p90 moves smoothly as a week's sample grows instead of jumping.

/** Sorts a copy ascending; non-finite values are dropped (a bad row must not poison the figure). */
export function sortedFinite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

/** Type-7 percentile of an ALREADY SORTED array; null when empty. p in [0, 1]. */
export function percentileSorted(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Type-7 percentile of unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileSorted(sortedFinite(values), p);
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

export interface Distribution {
  median: number | null;
  p90: number | null;
  count: number;
}

/** Median, p90 and count in one sort. */
export function distribution(values: readonly number[]): Distribution {
  const s = sortedFinite(values);
  return { median: percentileSorted(s, 0.5), p90: percentileSorted(s, 0.9), count: s.length };
}

export type Arrow = '↑' | '↓' | '→';

export interface Change {
  delta: number;
  /** Percent change vs previous (25 means +25 %); null when previous is 0 (shown as "new"). */
  pct: number | null;
  arrow: Arrow;
}

/** Week-over-week change. Never divides by zero: previous 0 gives pct null. */
export function change(current: number, previous: number): Change {
  const delta = current - previous;
  const pct = previous === 0 ? null : (delta / Math.abs(previous)) * 100;
  const arrow: Arrow = delta > 0 ? '↑' : delta < 0 ? '↓' : '→';
  return { delta, pct, arrow };
}

/**
 * "↑ 25%", "↓ 3%", "→ 0%", "↑ new" (previous 0, current > 0), "→" (both 0).
 * Percentages are rounded to whole numbers; below 1 % but not zero shows "<1%".
 */
export function formatChange(c: Change): string {
  if (c.pct === null) return c.delta === 0 ? '→' : `${c.arrow} new`;
  const abs = Math.abs(c.pct);
  const text = abs > 0 && abs < 1 ? '<1' : String(Math.round(abs));
  return `${c.arrow} ${text}%`;
}
