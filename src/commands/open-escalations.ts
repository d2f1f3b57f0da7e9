// Database reads behind /escalations and the Home tab. Index-backed (status, firstEscalatedAt) and
// narrow: only the columns a list row shows, never transcripts or Shopify snapshots.
import { DateTime } from 'luxon';
import type { Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import type { QueueFilter } from './parse.js';
import { CLAIM_ENTRY_SQL } from '../escalations/time-to-claim.js';

export const QUEUE_COLUMNS = {
  id: true,
  platform: true,
  status: true,
  priority: true,
  vip: true,
  reason: true,
  customerName: true,
  customerEmail: true,
  claimedBySlackId: true,
  assigneeSlackId: true,
  firstEscalatedAt: true,
  conversationUrl: true,
  slackChannel: true,
  slackTs: true,
  claimDueAt: true,
} as const satisfies Prisma.EscalationSelect;

export type QueueItem = Pick<Escalation, keyof typeof QUEUE_COLUMNS>;

export interface QueuePage {
  items: QueueItem[];
  /** All matching rows, of which `items` are the oldest. */
  total: number;
}

/** Open = not resolved. Unclaimed = nobody holds it. Mine = I claimed it or it was assigned to me. */
export function queueWhere(filter: QueueFilter, userId: string): Prisma.EscalationWhereInput {
  const open: Prisma.EscalationWhereInput = { status: { in: ['open', 'claimed'] } };
  if (filter === 'unclaimed') return { ...open, claimedBySlackId: null, assigneeSlackId: null };
  if (filter === 'mine') return { ...open, OR: [{ claimedBySlackId: userId }, { assigneeSlackId: userId }] };
  return open;
}

export function isUnclaimed(item: Pick<Escalation, 'status' | 'claimedBySlackId' | 'assigneeSlackId'>): boolean {
  return item.status !== 'resolved' && !item.claimedBySlackId && !item.assigneeSlackId;
}

/**
 * Overdue first: the earliest claim deadline (the one the SLA reminders use) leads, so what is
 * most overdue is on top; rows without a running clock (claimed) follow, oldest first.
 */
const QUEUE_ORDER: Prisma.EscalationOrderByWithRelationInput[] = [
  { claimDueAt: { sort: 'asc', nulls: 'last' } },
  { firstEscalatedAt: 'asc' },
  { id: 'asc' },
];

export async function openQueue(db: Db, filter: QueueFilter, userId: string, take: number): Promise<QueuePage> {
  const where = queueWhere(filter, userId);
  const [items, total] = await Promise.all([
    db.escalation.findMany({ where, select: QUEUE_COLUMNS, orderBy: QUEUE_ORDER, take }),
    db.escalation.count({ where }),
  ]);
  return { items, total };
}

/** Monday 00:00 of the week holding `now`, in the report's time zone (luxon handles DST). */
export function weekStart(now: Date, timezone: string): Date {
  return DateTime.fromJSDate(now, { zone: timezone }).startOf('week').toJSDate();
}

export interface WeekFigures {
  since: Date;
  /** Escalations first escalated this week. */
  escalations: number;
  /**
   * Median, over this week's escalations that were claimed, of first escalation -> first claim
   * (src/escalations/time-to-claim.ts, else claimedAt): the weekly report's definition.
   */
  medianClaimMs: number | null;
  /** Escalations resolved this week (whenever they arrived). */
  resolved: number;
}

export async function weekFigures(db: Db, timezone: string, now: Date = new Date()): Promise<WeekFigures> {
  const since = weekStart(now, timezone);
  const [row] = await db.$queryRaw<Array<{ escalations: number; median_ms: number | null; resolved: number }>>(Prisma.sql`
    SELECT
      (SELECT count(*)::int FROM "Escalation" WHERE "firstEscalatedAt" >= ${since} AND "firstEscalatedAt" < ${now}) AS escalations,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (claim_at - e."firstEscalatedAt")) * 1000)
         FROM "Escalation" e
         CROSS JOIN LATERAL (
           SELECT coalesce(
             (SELECT min(a."createdAt") FROM "AuditEntry" a WHERE a."escalationId" = e.id AND ${CLAIM_ENTRY_SQL}),
             e."claimedAt") AS claim_at
         ) c
        WHERE e."firstEscalatedAt" >= ${since} AND e."firstEscalatedAt" < ${now}
          AND claim_at IS NOT NULL AND claim_at < ${now}) AS median_ms,
      (SELECT count(*)::int FROM "Escalation" WHERE "resolvedAt" >= ${since} AND "resolvedAt" < ${now}) AS resolved
  `);
  return {
    since,
    escalations: row?.escalations ?? 0,
    medianClaimMs: row?.median_ms == null ? null : Math.max(0, Number(row.median_ms)),
    resolved: row?.resolved ?? 0,
  };
}
