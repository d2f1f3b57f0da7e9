// Two brakes on OpenAI calls, shared by every handoff process through Redis:
// - a circuit: after CIRCUIT_FAILURES failed calls within a minute, nothing calls OpenAI for
//   circuitOpenMs (cards and modals simply show no AI part meanwhile);
// - a per-minute budget for triage: in a burst, low and normal cards stop getting triage once
//   the shared budget is nearly spent, keeping the rest for urgent, high and VIP cards.
import type { Redis } from 'ioredis';

export interface AiGuardOptions {
  prefix: string;
  /** Triage calls per minute across all processes. */
  budgetPerMinute?: number;
  /** Share of the budget kept for urgent/high/VIP cards. */
  reserveShare?: number;
  failures?: number;
  circuitOpenMs?: number;
}

export const AI_DEFAULTS = { budgetPerMinute: 60, reserveShare: 0.25, failures: 5, circuitOpenMs: 60_000 } as const;

export class AiGuard {
  private readonly o: Required<AiGuardOptions>;

  constructor(
    private readonly redis: Redis,
    opts: AiGuardOptions,
  ) {
    this.o = { ...AI_DEFAULTS, ...opts };
  }

  private key(name: string): string {
    return `${this.o.prefix}:ai:${name}`;
  }

  async circuitOpen(): Promise<boolean> {
    return (await this.redis.exists(this.key('circuit-open'))) === 1;
  }

  async succeeded(): Promise<void> {
    await this.redis.del(this.key('failures'));
  }

  async failed(): Promise<void> {
    const key = this.key('failures');
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, 60_000).exec()) as [[Error | null, number]];
    if (count >= this.o.failures) {
      await this.redis.set(this.key('circuit-open'), '1', 'PX', this.o.circuitOpenMs);
      await this.redis.del(key);
    }
  }

  /** One triage call from this minute's budget; false when this card's priority has none left. */
  async takeTriage(important: boolean): Promise<boolean> {
    const key = this.key(`budget:${Math.floor(Date.now() / 60_000)}`);
    const [[, used]] = (await this.redis.multi().incr(key).pexpire(key, 120_000).exec()) as [[Error | null, number]];
    const limit = important ? this.o.budgetPerMinute : Math.floor(this.o.budgetPerMinute * (1 - this.o.reserveShare));
    if (used <= limit) return true;
    await this.redis.decr(key);
    return false;
  }
}
