// Latency summaries for the benchmarks (nearest-rank percentiles).

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarize(values: number[]): { p50: number; p99: number; max: number; count: number } {
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: Math.max(...values), count: values.length };
}
