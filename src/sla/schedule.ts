// Keeps each escalation's SLA clocks stored and its due jobs queued. Called after every card
// publish (every state change ends in one) and once when a worker starts, for rows whose job
// Redis may have lost. No polling: between those moments only the delayed jobs wait.
import type { Db, Escalation } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queue/producer.js';
import { runningClaimClock, runningReplyClock } from './clock.js';
import { dueJobId, type SlaKind } from './jobs.js';
import type { SlaPolicy } from './policy.js';
import { SLA_KIND, STATUS } from '../vocabulary.js';

/** What the clocks read: recovery loads only these. */
const CLOCK_COLUMNS = {
  id: true,
  status: true,
  priority: true,
  vip: true,
  firstEscalatedAt: true,
  claimedBySlackId: true,
  claimedAt: true,
  firstAgentReplyAt: true,
  slaClockStartedAt: true,
  claimDueAt: true,
} as const;
type ClockRow = Pick<Escalation, keyof typeof CLOCK_COLUMNS>;

/** Rows rescheduled per worker start (the oldest open ones first). */
const RECOVER_LIMIT = 5000;

export class SlaScheduler {
  constructor(private readonly deps: { db: Db; producer: Producer; policy: SlaPolicy }) {}

  /** Start, move or stop the claim clock to match the row, and queue the due jobs. */
  async sync(esc: ClockRow, now = new Date()): Promise<void> {
    const { db, policy } = this.deps;
    const clock = runningClaimClock(policy, esc, now);
    if (!clock) {
      // Claimed or resolved: the clock stops (a later reopen or release starts a new one).
      if (esc.claimDueAt || !esc.slaClockStartedAt) {
        await db.escalation.updateMany({
          where: { id: esc.id, OR: [{ claimedBySlackId: { not: null } }, { status: { not: STATUS.open } }] },
          data: { claimDueAt: null, slaClockStartedAt: esc.slaClockStartedAt ?? esc.firstEscalatedAt },
        });
      }
      const replyDue = runningReplyClock(policy, esc);
      if (replyDue) await this.schedule(esc.id, SLA_KIND.first_reply, replyDue, now);
      return;
    }
    if (esc.claimDueAt?.getTime() !== clock.dueAt.getTime()) {
      // Compare-and-set on the deadline we read: a concurrent sync or claim wins, and schedules.
      const saved = await db.escalation.updateMany({
        where: { id: esc.id, claimDueAt: esc.claimDueAt, claimedBySlackId: null, status: STATUS.open },
        data: { slaClockStartedAt: clock.startedAt, claimDueAt: clock.dueAt },
      });
      if (saved.count === 0) return;
    }
    await this.schedule(esc.id, SLA_KIND.claim, clock.dueAt, now);
  }

  private async schedule(escalationId: string, kind: SlaKind, dueAt: Date, now: Date): Promise<void> {
    await this.deps.producer.enqueue(
      'sla.due',
      { escalationId, kind, dueAt: dueAt.toISOString() },
      { jobId: dueJobId(escalationId, kind, dueAt), delay: Math.max(0, dueAt.getTime() - now.getTime()) },
    );
  }

  /** After a restart (or a Redis that lost its jobs): queue every open row's deadline again. */
  async recover(log: Logger): Promise<number> {
    const replies = this.deps.policy.firstReplyMinutes !== undefined;
    const rows = await this.deps.db.escalation.findMany({
      where: {
        OR: [
          { status: STATUS.open, claimedBySlackId: null },
          ...(replies ? [{ status: STATUS.claimed, claimedBySlackId: { not: null }, firstAgentReplyAt: null }] : []),
        ],
      },
      select: CLOCK_COLUMNS,
      orderBy: { firstEscalatedAt: 'asc' },
      take: RECOVER_LIMIT,
    });
    for (const row of rows) await this.sync(row);
    if (rows.length) log.info({ count: rows.length }, 'SLA deadlines rescheduled');
    return rows.length;
  }
}
