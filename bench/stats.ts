// Shared by the benchmarks: latency summaries (nearest-rank percentiles) and Redis cleanup.
import { Redis } from 'ioredis';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarize(values: number[]): { p50: number; p99: number; max: number; count: number } {
  return { p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: Math.max(...values), count: values.length };
}

/** One aligned line: label, count, p50, p99, max. */
export function latencyLine(label: string, values: number[]): string {
  const s = summarize(values);
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
  return `${label.padEnd(34)} n=${String(s.count).padEnd(4)} p50 ${f(s.p50)}  p99 ${f(s.p99)}  max ${f(s.max)}`;
}

/** Delete a benchmark's Redis keys (its queue prefix) when it is done. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
