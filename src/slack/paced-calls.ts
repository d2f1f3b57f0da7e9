// Slack calls on a channel, paced through the shared budgets (pacer.ts). Card renders run in the
// card lane and never wait in a worker: no slot means PacedError, and the whole lane waits. Thread
// lines are posted from other jobs and wait for a reserved slot instead.
import { ErrorCode } from '@slack/web-api';
import { PacedError, RetryableError } from '../errors.js';
import { type PaceAnswer, type PaceLimit, type SlackPaceConfig, type SlackPacer, paceLimits } from './pacer.js';

export type PacedMethod = 'chat.postMessage' | 'chat.update';

const UNPACED: PaceAnswer = { granted: true, waitMs: 0 };

/** Longest a spent budget holds the card lane before its next job is looked at. */
const LANE_RECHECK_MS = 500;

/** How long a thread line may wait for its slot before its job is retried later instead. */
const THREAD_MAX_WAIT_MS = 30_000;

export class PacedCalls {
  private readonly limits: { post: PaceLimit; update: PaceLimit };

  constructor(
    private readonly pacer: SlackPacer,
    cfg: SlackPaceConfig,
  ) {
    this.limits = paceLimits(cfg);
  }

  /**
   * Run one call under the budget of `method` (postMessage: per channel; update: per workspace).
   * `inLane`: a card render (slot now, or PacedError). Otherwise wait for a slot.
   * A 429 pauses the budget for Slack's Retry-After, then surfaces as PacedError in the lane, or
   * as the SDK's own error elsewhere (the caller's job retries after Retry-After).
   */
  async run<T>(method: PacedMethod, channel: string, inLane: boolean, call: () => Promise<T>): Promise<T> {
    const key = method === 'chat.update' ? 'update' : `post:${channel}`;
    const limit = method === 'chat.update' ? this.limits.update : this.limits.post;
    // Redis unreachable: go unpaced rather than not at all (Slack's own 429 still guards).
    const answer = await this.pacer.take(key, limit, inLane ? 0 : THREAD_MAX_WAIT_MS).catch(() => UNPACED);
    if (!answer.granted) {
      // The lane waits out a 429 whole; a spent budget it re-checks at least every
      // LANE_RECHECK_MS, so a click that needs the other budget is not held behind it.
      if (inLane)
        throw new PacedError(
          `Slack budget for ${method} spent`,
          answer.paused ? answer.waitMs : Math.min(answer.waitMs, LANE_RECHECK_MS),
        );
      throw new RetryableError(`Slack budget for ${method} spent for ${answer.waitMs} ms`, answer.waitMs);
    }
    if (answer.waitMs > 0) await new Promise((r) => setTimeout(r, answer.waitMs));
    try {
      return await call();
    } catch (err) {
      const e = err as { code?: string; retryAfter?: number };
      if (e.code !== ErrorCode.RateLimitedError) throw err;
      const retryAfterMs = (e.retryAfter ?? 1) * 1000;
      await this.pacer.pause(key, retryAfterMs).catch(() => undefined);
      if (inLane) throw new PacedError(`Slack answered 429 to ${method}`, retryAfterMs, { cause: err });
      throw err;
    }
  }
}
