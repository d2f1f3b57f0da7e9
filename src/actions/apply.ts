// Settles a Slack action in the database: one transaction holds the conditional update and the
// audit row. The race between clickers is decided by PostgreSQL (an UPDATE ... WHERE that only
// one transaction can satisfy), so it holds across any number of web and worker processes; the
// audit row's unique requestKey makes a Slack retry or a re-run job a replay, never a second change.
import type { AuditEntry, Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { ActionJobData } from './jobs.js';
import { ephemeral } from './messages.js';

type Tx = Prisma.TransactionClient;

/** What an applied action changed, for the thread line, the DM and the platform sync. */
export interface Change {
  /** assign: the escalation was unclaimed, so the assignee became the claimer too. */
  claimedToo?: boolean;
  /** label: the set before and after. */
  added?: string[];
  removed?: string[];
}

export type ApplyResult =
  | { kind: 'applied'; esc: Escalation; change: Change; syncing: boolean }
  /** The same click was settled before (Slack retry, job retry): its audit row says how it went. */
  | { kind: 'replayed'; esc: Escalation; action: string; outcome: string; detail?: Record<string, unknown> }
  | { kind: 'rejected'; message: string }
  | { kind: 'noop' };

export const AUDIT_ACTION = {
  claim: 'claimed',
  release: 'released',
  assign: 'assigned',
  label: 'labelled',
  resolve: 'resolved',
  reopen: 'reopened',
} as const;

export interface ApplyOptions {
  /** Whether this platform gets a sync for this action (the row is then marked pending). */
  syncs(platform: string): boolean;
  /** ESCALATION_LABELS: the only labels the picker may set (besides ones the row already has). */
  labels: string[];
  now?: Date;
}

type Step = { changed: true; change?: Change } | { changed: false; message?: string };

const unchanged = (message?: string): Step => ({ changed: false, message });
const NOT_RESOLVED = { not: 'resolved' } as const;

export async function applyAction(db: Db, data: ActionJobData, opts: ApplyOptions): Promise<ApplyResult> {
  try {
    return await db.$transaction((tx) => applyIn(tx, data, opts));
  } catch (err) {
    // The audit insert lost to a concurrent run of the same click: that one's change stands.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return replay(db, data.requestKey);
    throw err;
  }
}

async function replay(db: Db, requestKey: string): Promise<ApplyResult> {
  const audit = await db.auditEntry.findUnique({ where: { requestKey }, include: { escalation: true } });
  if (!audit) throw new RetryableError('audit row vanished while replaying a Slack action');
  return replayed(audit);
}

function replayed(audit: AuditEntry & { escalation: Escalation | null }): ApplyResult {
  // Action entries always name their escalation; only refusals (no requestKey) have none.
  if (!audit.escalation) throw new RetryableError(`audit entry ${audit.id} has no escalation`);
  const detail = audit.detail && typeof audit.detail === 'object' && !Array.isArray(audit.detail) ? audit.detail : undefined;
  return { kind: 'replayed', esc: audit.escalation, action: audit.action, outcome: audit.outcome, detail };
}

async function applyIn(tx: Tx, data: ActionJobData, opts: ApplyOptions): Promise<ApplyResult> {
  const seen = await tx.auditEntry.findUnique({ where: { requestKey: data.requestKey }, include: { escalation: true } });
  if (seen) return replayed(seen);
  const before = await tx.escalation.findUnique({ where: { id: data.escalationId } });
  if (!before) return { kind: 'rejected', message: ephemeral.gone() };

  const now = opts.now ?? new Date();
  const syncing = opts.syncs(before.platform);
  // A new action's sync starts pending; the card says so until the platform call settles.
  const sync = syncing ? { platformSyncState: 'pending', platformSyncError: null } : {};
  const step = await STEPS[data.action](tx, data, before, now, sync, opts);

  if (!step.changed) {
    if (!step.message) return { kind: 'noop' };
    // A refused click is recorded too (who tried what, and why not); its requestKey also makes a
    // retried refusal silent.
    await tx.auditEntry.create({
      data: {
        escalationId: before.id,
        action: 'rejected',
        source: 'slack',
        actorSlackId: data.userId,
        detail: { attempted: data.action, reason: step.message },
        outcome: 'failed',
        requestKey: data.requestKey,
      },
    });
    return { kind: 'rejected', message: step.message };
  }
  const change = step.change ?? {};
  await tx.auditEntry.create({
    data: {
      escalationId: before.id,
      action: AUDIT_ACTION[data.action],
      source: 'slack',
      actorSlackId: data.userId,
      detail: auditDetail(data, change) as Prisma.InputJsonValue,
      outcome: syncing ? 'pending' : 'ok',
      requestKey: data.requestKey,
    },
  });
  const esc = await tx.escalation.findUniqueOrThrow({ where: { id: before.id } });
  return { kind: 'applied', esc, change, syncing };
}

function auditDetail(data: ActionJobData, change: Change): Record<string, unknown> {
  switch (data.action) {
    case 'assign':
      return { assignee: data.assigneeId, claimedToo: change.claimedToo ?? false };
    case 'label':
      return { labels: data.labels ?? [], added: change.added ?? [], removed: change.removed ?? [] };
    default:
      return {};
  }
}

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

const STEPS: Record<ActionJobData['action'], StepFn> = {
  async claim(tx, data, before, now, sync) {
    const won = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: null, status: NOT_RESOLVED },
      // claimDueAt: null stops the SLA claim clock with the change itself (src/sla/clock.ts).
      data: { claimedBySlackId: data.userId, claimedAt: now, status: 'claimed', claimDueAt: null, ...sync },
    });
    if (won.count === 1) return { changed: true };
    const row = await current(tx, before.id);
    if (!row) return unchanged(ephemeral.gone());
    if (row.status === 'resolved') return unchanged(ephemeral.resolvedReopenFirst(row.resolvedBy));
    if (row.claimedBySlackId === data.userId) return unchanged(); // a double click
    return unchanged(ephemeral.alreadyClaimed(row.claimedBySlackId ?? 'someone'));
  },

  async release(tx, data, before, _now, sync) {
    const done = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: data.userId, status: NOT_RESOLVED },
      data: { claimedBySlackId: null, claimedAt: null, status: 'open', ...sync },
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
    if (!row) return unchanged(ephemeral.gone());
    if (row.status === 'resolved') return unchanged(ephemeral.resolvedReopenFirst(row.resolvedBy));
    if (!row.claimedBySlackId) return unchanged(); // already released (stale card or double click)
    return unchanged(ephemeral.notYours(row.claimedBySlackId));
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
      if (!row) return unchanged(ephemeral.gone());
      if (row.status === 'resolved') return unchanged(ephemeral.resolvedReopenFirst(row.resolvedBy));
      return unchanged(); // already assigned to that person
    }
    // Assigning an unclaimed escalation is a claim on the assignee's behalf (time to claim stops).
    const claimed = await tx.escalation.updateMany({
      where: { id: before.id, claimedBySlackId: null },
      data: { claimedBySlackId: target, claimedAt: now, status: 'claimed', claimDueAt: null },
    });
    return { changed: true, change: { claimedToo: claimed.count === 1 } };
  },

  async label(tx, data, before, _now, sync, opts) {
    const next = [...new Set((data.labels ?? []).map((l) => l.trim()).filter(Boolean))];
    const allowed = new Set([...opts.labels, ...before.labels]);
    const invalid = next.filter((l) => !allowed.has(l));
    if (invalid.length) return unchanged(ephemeral.invalidLabels(invalid));
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
      data: { status: 'resolved', resolvedAt: now, resolvedBy: data.userId, claimDueAt: null, ...sync },
    });
    if (done.count === 1) return { changed: true };
    const row = await current(tx, before.id);
    if (!row) return unchanged(ephemeral.gone());
    if (row.resolvedBy === data.userId) return unchanged();
    return unchanged(ephemeral.alreadyResolved(row.resolvedBy));
  },

  async reopen(tx, _data, before, _now, sync) {
    const reopened = { resolvedAt: null, resolvedBy: null, ...sync };
    // Back to claimed if someone still holds the claim, else open; one of the two matches.
    const open = await tx.escalation.updateMany({
      where: { id: before.id, status: 'resolved', claimedBySlackId: null },
      data: { status: 'open', ...reopened },
    });
    const claimed =
      open.count === 1
        ? open
        : await tx.escalation.updateMany({
            where: { id: before.id, status: 'resolved', claimedBySlackId: { not: null } },
            data: { status: 'claimed', ...reopened },
          });
    if (claimed.count === 1) return { changed: true };
    return (await current(tx, before.id)) ? unchanged() : unchanged(ephemeral.gone());
  },
};
