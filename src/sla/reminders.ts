// SLA reminders, exactly once. A due job checks the row (claimed, resolved, replied or moved since:
// nothing to do) and records a pending SlaReminder, unique per (escalation, kind, deadline), then
// asks for a flush a short window later. The flush takes every pending row under a lease and
// delivers them: one by one, or as one channel summary when more than SLA_STORM_THRESHOLD claim
// reminders came due together (after an outage or a restart).
import { randomUUID } from 'node:crypto';
import type { Db, Escalation, SlaReminder } from '../db/client.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queue/producer.js';
import { claimClockRuns, runningReplyClock } from './clock.js';
import type { SlaKind } from './jobs.js';
import { claimBudgetMinutes, type SlaPolicy } from './policy.js';
import type { SlaSender } from './send.js';
import { REMINDER, SLA_KIND } from '../vocabulary.js';

export interface ReminderOptions {
  policy: SlaPolicy;
  stormThreshold: number;
  /** How long a flush waits for other reminders coming due at the same time. */
  windowMs: number;
  /** A flush that has held rows this long is presumed crashed; its rows are taken over. */
  leaseMs: number;
}

type Row = SlaReminder & { escalation: Escalation };

export class SlaReminders {
  constructor(
    private readonly deps: { db: Db; producer: Producer; sender: SlaSender },
    private readonly options: ReminderOptions,
  ) {}

  /** Is this deadline still the one that counts, and still unmet? */
  stillDue(esc: Escalation, kind: SlaKind, dueAt: Date): boolean {
    if (kind === SLA_KIND.claim) {
      return claimClockRuns(esc) && esc.claimDueAt?.getTime() === dueAt.getTime();
    }
    return runningReplyClock(this.options.policy, esc)?.getTime() === dueAt.getTime();
  }

  /** The `sla.due` job. */
  async due(data: { escalationId: string; kind: SlaKind; dueAt: string }, log: Logger): Promise<string> {
    const dueAt = new Date(data.dueAt);
    const esc = await this.deps.db.escalation.findUnique({ where: { id: data.escalationId } });
    if (!esc || !this.stillDue(esc, data.kind, dueAt)) return 'not due any more';
    const created = await this.deps.db.slaReminder.createMany({
      data: [{ escalationId: esc.id, kind: data.kind, dueAt }],
      skipDuplicates: true,
    });
    log.info({ escalationId: esc.id, kind: data.kind, recorded: created.count }, 'SLA deadline passed');
    await this.requestFlush();
    return created.count ? 'recorded' : 'already recorded';
  }

  /** One flush per window: later requests within it are absorbed by the waiting one. */
  requestFlush(delayMs = this.options.windowMs): Promise<string | undefined> {
    return this.deps.producer.enqueue('sla.flush', {}, { delay: delayMs, deduplication: { id: 'sla-flush', ttl: delayMs } });
  }

  /** A flush once a crashed flush's lease has run out (at most one per lease period). */
  requestTakeover(now = new Date()): Promise<string | undefined> {
    const { leaseMs } = this.options;
    return this.deps.producer.enqueue('sla.flush', {}, { delay: leaseMs, jobId: `sla-flush-takeover-${Math.floor(now.getTime() / leaseMs)}` });
  }

  /** The `sla.flush` job. Returns how many reminders went out. */
  async flush(log: Logger, now = new Date()): Promise<number> {
    const { db } = this.deps;
    const batchId = randomUUID();
    await db.slaReminder.updateMany({
      where: {
        OR: [{ status: REMINDER.pending }, { status: REMINDER.sending, leaseAt: { lt: new Date(now.getTime() - this.options.leaseMs) } }],
      },
      data: { status: REMINDER.sending, batchId, leaseAt: now, attempts: { increment: 1 } },
    });
    const rows: Row[] = await db.slaReminder.findMany({
      where: { batchId },
      include: { escalation: true },
      orderBy: { dueAt: 'asc' },
    });
    let sent = 0;
    try {
      if (rows.length) sent = await this.deliver(rows, log);
    } catch (err) {
      // Hand the rest back at once, so this job's retry (or any flush) takes them again.
      await db.slaReminder.updateMany({ where: { batchId, status: REMINDER.sending }, data: { status: REMINDER.pending } });
      throw err instanceof RetryableError || err instanceof PermanentError
        ? err
        : new RetryableError((err as Error).message, undefined, { cause: err });
    }
    // Rows a crashed flush still holds: come back when its lease has run out.
    const held = await db.slaReminder.count({ where: { status: REMINDER.sending, batchId: { not: batchId } } });
    if (held) await this.requestTakeover(now);
    return sent;
  }

  private async deliver(rows: Row[], log: Logger): Promise<number> {
    const { db, sender } = this.deps;
    const live: Row[] = [];
    for (const row of rows) {
      if (this.stillDue(row.escalation, row.kind as SlaKind, row.dueAt)) live.push(row);
      else await db.slaReminder.update({ where: { id: row.id }, data: { status: REMINDER.skipped } });
    }
    const claims = live.filter((r) => r.kind === SLA_KIND.claim);
    const replies = live.filter((r) => r.kind === SLA_KIND.first_reply);
    // A summary a crashed flush may have posted: finish those rows from it, not one by one.
    const summarized = claims.filter((r) => r.summaryKey);
    const fresh = claims.filter((r) => !summarized.includes(r));
    for (const key of new Set(summarized.map((r) => r.summaryKey as string))) {
      await sender.summary(summarized.filter((r) => r.summaryKey === key), key);
    }
    if (fresh.length > this.options.stormThreshold) {
      log.warn({ count: fresh.length }, 'many SLA reminders due at once: one summary');
      await sender.summary(fresh, randomUUID());
    } else {
      for (const row of fresh) await this.settle(row, log, () => sender.claim(row, claimBudgetMinutes(this.options.policy, row.escalation)));
    }
    for (const row of replies) await this.settle(row, log, () => sender.firstReply(row));
    return live.length;
  }

  /** One row's delivery: a refusal that no retry can fix (card deleted, say) fails that row only. */
  private async settle(row: Row, log: Logger, deliver: () => Promise<void>): Promise<void> {
    try {
      await deliver();
    } catch (err) {
      if (!(err instanceof PermanentError)) throw err;
      log.error({ reminderId: row.id, escalationId: row.escalationId, err: err.message }, 'SLA reminder could not be delivered');
      await this.deps.db.slaReminder.update({ where: { id: row.id }, data: { status: REMINDER.failed } });
    }
  }
}
