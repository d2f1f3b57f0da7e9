// One step per Slack action, inside applyAction's transaction: a conditional update that only
// one clicker can win, and, when it matches nothing, the reason read back from the row.
import type { Escalation, Prisma } from '../db/client.js';
import { RetryableError } from '../errors.js';
import { STATUS } from '../vocabulary.js';
import type { ApplyOptions, Change } from './apply.js';
import type { ActionJobData } from './jobs.js';
import type { Refusal } from './outcomes.js';

type Tx = Prisma.TransactionClient;

export type Step = { changed: true; change?: Change } | { changed: false; refusal?: Refusal };

const unchanged = (refusal?: Refusal): Step => ({ changed: false, refusal });
const NOT_RESOLVED = { not: STATUS.resolved } as const;

type StepFn = (
  tx: Tx,
  data: ActionJobData,
  before: Escalation,
  now: Date,
  sync: Prisma.EscalationUpdateManyMutationInput,
  opts: ApplyOptions,
) => Promise<Step>;

/** Why a conditional update matched nothing, read after it (the winner has committed by then). */
async function current(tx: Tx, id: string): Promise<Escalation | null> {
  return tx.escalation.findUnique({ where: { id } });
}

export const STEPS: Record<ActionJobData['action'], StepFn> = {
  async claim(tx, data, before, now, sync) {
    const won = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: null, status: NOT_RESOLVED },
      // claimDueAt: null stops the SLA claim clock with the change itself (src/sla/clock.ts).
      data: { claimedBySlackId: data.userId, claimedAt: now, status: STATUS.claimed, claimDueAt: null, ...sync },
    });
    if (won.count === 1) return { changed: true };
    const row = await current(tx, before.id);
    if (!row) return unchanged({ reason: 'gone' });
    if (row.status === STATUS.resolved) return unchanged({ reason: 'resolved_reopen_first', by: row.resolvedBy });
    if (row.claimedBySlackId === data.userId) return unchanged(); // a double click
    return unchanged({ reason: 'already_claimed', by: row.claimedBySlackId ?? 'someone' });
  },

  async release(tx, data, before, _now, sync) {
    const done = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: data.userId, status: NOT_RESOLVED },
      data: { claimedBySlackId: null, claimedAt: null, status: STATUS.open, ...sync },
    });
    if (done.count === 1) {
      // Releasing also drops a self-assignment; an assignment to someone else stays.
      await tx.escalation.updateMany({
        where: { id: before.id, assigneeSlackId: data.userId },
        data: { assigneeSlackId: null, assigneeName: null },
      });
      return { changed: true };
    }
    const row = await current(tx, before.id);
    if (!row) return unchanged({ reason: 'gone' });
    if (row.status === STATUS.resolved) return unchanged({ reason: 'resolved_reopen_first', by: row.resolvedBy });
    if (!row.claimedBySlackId) return unchanged(); // already released (stale card or double click)
    return unchanged({ reason: 'not_yours', by: row.claimedBySlackId });
  },

  async assign(tx, data, before, now, sync) {
    const target = data.assigneeId;
    if (!target) return unchanged();
    const done = await tx.escalation.updateMany({
      where: {
        id: before.id,
        status: NOT_RESOLVED,
        OR: [{ assigneeSlackId: null }, { assigneeSlackId: { not: target } }],
      },
      data: { assigneeSlackId: target, assigneeName: null, ...sync },
    });
    if (done.count === 0) {
      const row = await current(tx, before.id);
      if (!row) return unchanged({ reason: 'gone' });
      if (row.status === STATUS.resolved) return unchanged({ reason: 'resolved_reopen_first', by: row.resolvedBy });
      return unchanged(); // already assigned to that person
    }
    // Assigning an unclaimed escalation is a claim on the assignee's behalf (time to claim stops).
    const claimed = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: null },
      data: { claimedBySlackId: target, claimedAt: now, status: STATUS.claimed, claimDueAt: null },
    });
    return { changed: true, change: { claimedToo: claimed.count === 1 } };
  },

  async label(tx, data, before, _now, sync, opts) {
    const wanted = data.addLabels ? [...before.labels, ...data.addLabels] : (data.labels ?? []);
    const next = [...new Set(wanted.map((l) => l.trim()).filter(Boolean))];
    const allowed = new Set([...opts.labels, ...before.labels]);
    const invalid = next.filter((l) => !allowed.has(l));
    if (invalid.length) return unchanged({ reason: 'invalid_labels', labels: invalid });
    const added = next.filter((l) => !before.labels.includes(l));
    const removed = before.labels.filter((l) => !next.includes(l));
    if (!added.length && !removed.length) return unchanged();
    // Compare-and-set on the whole list: two pickers changing labels at once can't lose an edit.
    const done = await tx.escalation.updateMany({
      where: { id: before.id, labels: { equals: before.labels } },
      data: { labels: next, ...sync },
    });
    if (done.count === 0) throw new RetryableError('labels changed concurrently; retrying on the new set');
    return { changed: true, change: { added, removed } };
  },

  async resolve(tx, data, before, now, sync) {
    const done = await tx.escalation.updateMany({
      where: { id: before.id, status: NOT_RESOLVED },
      data: { status: STATUS.resolved, resolvedAt: now, resolvedBy: data.userId, claimDueAt: null, ...sync },
    });
    if (done.count === 1) return { changed: true };
    const row = await current(tx, before.id);
    if (!row) return unchanged({ reason: 'gone' });
    if (row.resolvedBy === data.userId) return unchanged();
    return unchanged({ reason: 'already_resolved', by: row.resolvedBy });
  },

  async reopen(tx, _data, before, _now, sync) {
    const reopened = { resolvedAt: null, resolvedBy: null, ...sync };
    // Back to claimed if someone still holds the claim, else open; one of the two matches.
    const open = await tx.escalation.updateMany({
      where: { id: before.id, status: STATUS.resolved, claimedBySlackId: null },
      data: { status: STATUS.open, ...reopened },
    });
    const claimed =
      open.count === 1
        ? open
        : await tx.escalation.updateMany({
            where: { id: before.id, status: STATUS.resolved, claimedBySlackId: { not: null } },
            data: { status: STATUS.claimed, ...reopened },
          });
    if (claimed.count === 1) return { changed: true };
    return (await current(tx, before.id)) ? unchanged() : unchanged({ reason: 'gone' });
  },
};
