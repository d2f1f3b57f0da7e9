// A platform API's request budget (see RateBudget in ../http.ts).
import type { RateBudget } from '../http.js';

/**
 * Token bucket that lends tokens ahead of time: a caller reserves its slot at once and then
 * sleeps until it comes due, so concurrent callers are spaced out in arrival order without a queue.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  readonly maxWaitMs: number;

  constructor(
    budget: RateBudget,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(budget.requests > 0) || !(budget.perMs > 0)) throw new Error('rate budget must be positive');
    const burst = Math.max(1, Math.min(budget.requests, Math.floor(budget.burst ?? budget.requests / 10)));
    this.capacity = burst;
    // burst + refill over one window == the budget, so no sliding window ever holds more than
    // `requests` calls. (A 1-request budget can only refill at the plain rate.)
    const perWindow = budget.requests - burst > 0 ? budget.requests - burst : budget.requests;
    this.refillPerMs = perWindow / budget.perMs;
    this.tokens = burst;
    this.last = this.now();
    this.maxWaitMs = budget.maxWaitMs ?? 30_000;
  }

  /** Milliseconds until the reserved token is due, or undefined (nothing reserved) if that exceeds maxWaitMs. */
  reserve(maxWaitMs = this.maxWaitMs): number | undefined {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.refillPerMs);
    this.last = t;
    const after = this.tokens - 1;
    const wait = after >= 0 ? 0 : Math.ceil(-after / this.refillPerMs);
    if (wait > maxWaitMs) return undefined;
    this.tokens = after;
    return wait;
  }
}
