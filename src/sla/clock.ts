// The running claim clock of a stored escalation, and the first-reply clock of a claimed one.
// The SLA scheduler stores what this says (slaClockStartedAt, claimDueAt); the card and the queue
// views read it through here, so a row rendered a moment before the scheduler saw it shows the
// same deadline the reminder will use.
import type { Escalation } from '../db/client.js';
import { claimDeadline, firstReplyDeadline, type SlaPolicy } from './policy.js';
import { STATUS } from '../vocabulary.js';

type ClockRow = Pick<
  Escalation,
  'status' | 'priority' | 'vip' | 'firstEscalatedAt' | 'claimedBySlackId' | 'slaClockStartedAt' | 'claimDueAt'
>;

/** Open and nobody claimed it: the claim clock runs. (A platform-side assignment is not a claim.) */
export function claimClockRuns(esc: Pick<Escalation, 'status' | 'claimedBySlackId'>): boolean {
  return esc.status === STATUS.open && !esc.claimedBySlackId;
}

/**
 * The claim clock as it stands: undefined while claimed or resolved. A clock that has not started
 * yet starts at the first escalation for a new row, or `now` for a reopened or released one. A
 * claim or resolve clears claimDueAt in the same write as the change (actions/steps.ts,
 * escalations/changes.ts), so a reopen that follows at once never sees the old deadline.
 */
export function runningClaimClock(
  policy: SlaPolicy,
  esc: ClockRow,
  now: Date,
): { startedAt: Date; dueAt: Date } | undefined {
  if (!claimClockRuns(esc)) return undefined;
  const startedAt = esc.claimDueAt && esc.slaClockStartedAt ? esc.slaClockStartedAt : esc.slaClockStartedAt ? now : esc.firstEscalatedAt;
  return { startedAt, dueAt: claimDeadline(policy, { priority: esc.priority, vip: esc.vip, startedAt }) };
}

/** The first-reply deadline of a claimed escalation nobody has replied to yet. */
export function runningReplyClock(
  policy: SlaPolicy,
  esc: Pick<Escalation, 'status' | 'claimedBySlackId' | 'claimedAt' | 'firstAgentReplyAt'>,
): Date | undefined {
  if (esc.status === STATUS.resolved || !esc.claimedBySlackId || !esc.claimedAt || esc.firstAgentReplyAt) return undefined;
  return firstReplyDeadline(policy, esc.claimedAt);
}
