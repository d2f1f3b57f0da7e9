// Opt-in pacing for the Slack fake, after Slack's published limits: chat.postMessage about 1 per
// second per channel with a short burst (thread replies count against their channel), chat.update
// at Tier 3 per workspace. A token bucket per key; an empty bucket answers HTTP 429 with
// Retry-After (whole seconds, as Slack sends them), like https://api.slack.com/apis/rate-limits.

export interface SlackPacingLimits {
  /** chat.postMessage per channel: refill per second, and bucket size. */
  postPerSecond: number;
  postBurst: number;
  /** chat.update per workspace: refill per minute, and bucket size. */
  updatePerMinute: number;
  updateBurst: number;
}

/** Slack's own figures (postMessage "1 per second per channel, short bursts allowed"; Tier 3 "50+ per minute"). */
export const SLACK_LIMITS: SlackPacingLimits = { postPerSecond: 1, postBurst: 5, updatePerMinute: 50, updateBurst: 10 };

interface Bucket {
  tokens: number;
  at: number;
}

export class SlackPacing {
  /** 429s answered, per method. */
  readonly rejected = new Map<string, number>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: SlackPacingLimits) {}

  /** undefined: the call may go through; a number: answer 429 with this Retry-After (s). */
  check(method: string, args: Record<string, unknown>, now = Date.now()): number | undefined {
    const rule = this.ruleFor(method, args);
    if (!rule) return undefined;
    const b = this.buckets.get(rule.key) ?? { tokens: rule.size, at: now };
    b.tokens = Math.min(rule.size, b.tokens + ((now - b.at) / 1000) * rule.perSecond);
    b.at = now;
    this.buckets.set(rule.key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    this.rejected.set(method, (this.rejected.get(method) ?? 0) + 1);
    return Math.max(1, Math.ceil((1 - b.tokens) / rule.perSecond));
  }

  private ruleFor(method: string, args: Record<string, unknown>) {
    const l = this.limits;
    if (method === 'chat.postMessage')
      return { key: `post:${String(args.channel)}`, perSecond: l.postPerSecond, size: l.postBurst };
    if (method === 'chat.update') return { key: 'update', perSecond: l.updatePerMinute / 60, size: l.updateBurst };
    return undefined;
  }
}
