// Settles a Slack action in the database: one transaction holds the conditional update and the
// audit row. The race between clickers is decided by PostgreSQL (an UPDATE ... WHERE that only
// one transaction can satisfy), so it holds across any number of web and worker processes; the
// audit row's unique requestKey makes a Slack retry or a re-run job a replay, never a second change.
import type { AuditEntry, Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { ActionJobData } from './jobs.js';
import type { Refusal } from './outcomes.js';
import { AUDIT, type AuditAction, SYNC } from '../vocabulary.js';
import { STEPS } from './steps.js';


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
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'noop' };

export const AUDIT_ACTION = {
  claim: AUDIT.claimed,
  release: AUDIT.released,
  assign: AUDIT.assigned,
  label: AUDIT.labelled,
  resolve: AUDIT.resolved,
  reopen: AUDIT.reopened,
} as const satisfies Record<ActionJobData['action'], AuditAction>;

export interface ApplyOptions {
  /** Whether this platform gets a sync for this action (the row is then marked pending). */
  syncs(platform: string): boolean;
  /** ESCALATION_LABELS: the only labels the picker may set (besides ones the row already has). */
  labels: string[];
  now?: Date;
}


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

async function applyIn(tx: Prisma.TransactionClient, data: ActionJobData, opts: ApplyOptions): Promise<ApplyResult> {
  const seen = await tx.auditEntry.findUnique({ where: { requestKey: data.requestKey }, include: { escalation: true } });
  if (seen) return replayed(seen);
  const before = await tx.escalation.findUnique({ where: { id: data.escalationId } });
  if (!before) return { kind: 'refused', refusal: { reason: 'gone' } };

  const now = opts.now ?? new Date();
  const syncing = opts.syncs(before.platform);
  // A new action's sync starts pending; the card says so until the platform call settles.
  const sync = syncing ? { platformSyncState: SYNC.pending, platformSyncError: null } : {};
  const step = await STEPS[data.action](tx, data, before, now, sync, opts);

  if (!step.changed) {
    if (!step.refusal) return { kind: 'noop' };
    // A refused click is recorded too (who tried what, and why not); its requestKey also makes a
    // retried refusal silent.
    await tx.auditEntry.create({
      data: {
        escalationId: before.id,
        action: AUDIT.rejected,
        source: 'slack',
        actorSlackId: data.userId,
        detail: { attempted: data.action, ...step.refusal },
        outcome: 'failed',
        requestKey: data.requestKey,
      },
    });
    return { kind: 'refused', refusal: step.refusal };
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
