// The one SLA definition: when an escalation's claim (and first reply) is due. The reminders, the
// card, the queue views and the weekly report all ask this file, so they cannot disagree.
import { addBusinessTime, type BusinessHours } from './hours.js';

export interface SlaPolicy {
  /** SLA_CLAIM_MINUTES. */
  claimMinutes: number;
  /** SLA_URGENT_CLAIM_MINUTES: urgent and VIP escalations (default: half of claimMinutes). */
  urgentClaimMinutes: number;
  /** SLA_FIRST_REPLY_MINUTES: claimed -> first agent reply to the customer; undefined = off. */
  firstReplyMinutes?: number;
  /** BUSINESS_HOURS in REPORT_TIMEZONE; undefined = clocks run around the clock. */
  hours?: BusinessHours;
}

/** What the claim deadline depends on. */
export interface ClaimClock {
  priority: string;
  vip: boolean;
  /** When the running clock started: the first escalation, or the reopen / release that restarted it. */
  startedAt: Date;
}

export function claimBudgetMinutes(policy: SlaPolicy, esc: Pick<ClaimClock, 'priority' | 'vip'>): number {
  return esc.priority === 'urgent' || esc.vip ? policy.urgentClaimMinutes : policy.claimMinutes;
}

export function claimDeadline(policy: SlaPolicy, clock: ClaimClock): Date {
  return addBusinessTime(clock.startedAt, claimBudgetMinutes(policy, clock) * 60_000, policy.hours);
}

export function firstReplyDeadline(policy: SlaPolicy, claimedAt: Date): Date | undefined {
  if (policy.firstReplyMinutes === undefined) return undefined;
  return addBusinessTime(claimedAt, policy.firstReplyMinutes * 60_000, policy.hours);
}

/**
 * Whether a first claim breached the SLA, judged at `cutoff` (the week's end, or now for a week
 * still running): claimed after the deadline; or still unclaimed once the deadline has passed and
 * not resolved by then. A deadline still in the future is not (yet) a breach.
 */
export function claimBreach(
  policy: SlaPolicy,
  clock: ClaimClock,
  outcome: { claimedAt: number | null; firstResolvedAt: number | null; cutoff: number },
): 'claimed_late' | 'unclaimed_overdue' | undefined {
  const due = claimDeadline(policy, clock).getTime();
  if (outcome.claimedAt !== null) return outcome.claimedAt > due ? 'claimed_late' : undefined;
  const handledInTime = outcome.firstResolvedAt !== null && outcome.firstResolvedAt <= due;
  return due < outcome.cutoff && !handledInTime ? 'unclaimed_overdue' : undefined;
}

/** "15 min", "0.5 min", "1 h 30 min": how a budget reads in messages. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60 || minutes % 1 !== 0) return `${Number(minutes.toFixed(2))} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
