// Slack pacing shared by every handoff process: the budgets live in Redis, not in one process's
// memory. Each budget is a GCRA token bucket (one "theoretical arrival time" per key, computed on
// Redis's own clock so processes with skewed clocks agree): `interval` ms per call, `burst` calls
// at once. A 429 that still gets through pauses the key for Slack's Retry-After.
//
// Two ways to take a slot:
// - `maxWaitMs = 0` (card renders in the slack queue): now or never; when the answer is "wait",
//   the caller rate-limits its BullMQ queue for that long instead of holding a worker.
// - `maxWaitMs > 0` (thread lines inside other jobs): reserve the next free slot and sleep until it.
import type { Redis } from 'ioredis';

export interface PaceLimit {
  /** Milliseconds between calls at the steady rate. */
  intervalMs: number;
  /** Calls allowed back to back after a quiet spell. */
  burst: number;
}

/** `paused`: held back by a 429's Retry-After rather than by the pace. */
export type PaceAnswer = { granted: true; waitMs: number } | { granted: false; waitMs: number; paused?: boolean };

// KEYS: bucket, pause. ARGV: interval, burst, maxWait. Returns {granted (0|1), waitMs, paused (0|1)}.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused, 1} end
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - (burst - 1) * interval - now
if wait < 0 then wait = 0 end
if wait > maxWait then return {0, wait} end
local nextTat = tat + interval
redis.call('SET', KEYS[1], nextTat, 'PX', nextTat - now + 1000)
return {1, wait}
`;

export class SlackPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Ask for a slot under `key`; see the file comment for `maxWaitMs`. */
  async take(key: string, limit: PaceLimit, maxWaitMs = 0): Promise<PaceAnswer> {
    const [granted, waitMs, paused] = (await this.redis.eval(
      TAKE,
      2,
      this.bucketKey(key),
      this.pauseKey(key),
      limit.intervalMs,
      limit.burst,
      maxWaitMs,
    )) as [number, number, number?];
    return granted === 1 ? { granted: true, waitMs } : { granted: false, waitMs, paused: paused === 1 };
  }

  /** Slack answered 429: nobody calls under `key` until Retry-After has passed. */
  async pause(key: string, ms: number): Promise<void> {
    await this.redis.set(this.pauseKey(key), '1', 'PX', Math.max(1, Math.ceil(ms)));
  }

  private bucketKey(key: string): string {
    return `${this.prefix}:pace:${key}`;
  }

  private pauseKey(key: string): string {
    return `${this.prefix}:pace-pause:${key}`;
  }
}

/** The budgets handoff keeps, below Slack's published limits. */
export interface SlackPaceConfig {
  /** chat.postMessage per channel (cards and thread lines alike). Default 1. */
  postsPerSecond?: number;
  /** chat.update per workspace (Tier 3). Default 50. */
  updatesPerMinute?: number;
}

export function paceLimits(cfg: SlackPaceConfig): { post: PaceLimit; update: PaceLimit } {
  return {
    post: { intervalMs: Math.ceil(1000 / (cfg.postsPerSecond ?? 1)), burst: 3 },
    update: { intervalMs: Math.ceil(60_000 / (cfg.updatesPerMinute ?? 50)), burst: 5 },
  };
}
