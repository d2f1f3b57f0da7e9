// Reads what the weekly report needs: the escalations first escalated in the previous week and in
// the report week (the previous one gives the week-over-week change), and their audit entries.
// Two plain SQL queries on the pool: for 10,000+ rows Prisma's per-row client work would cost
// more than the queries themselves (see bench/report.ts).
import type { Pool } from '../db/client.js';
import type { ReportAuditEntry, ReportEscalation } from './metrics.js';
import { weekBefore, weekRange } from './week.js';
import { AUDIT } from '../vocabulary.js';

export interface ReportRows {
  escalations: ReportEscalation[];
  audit: ReportAuditEntry[];
}

// Only the actions the metrics read; 'rejected' (a refused click), labels, releases etc. are
// left in the database.
const REPORT_ACTIONS: string[] = [AUDIT.claimed, AUDIT.assigned, AUDIT.resolved, AUDIT.reopened, AUDIT.re_escalated];

/** An instant parameter as the UTC wall-clock time Prisma's columns hold. */
const UTC = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

export async function loadReportRows(pool: Pool, week: string, timezone: string): Promise<ReportRows> {
  const { end } = weekRange(week, timezone);
  const { start } = weekRange(weekBefore(week), timezone);
  // Prisma stores DateTime as UTC in "timestamp without time zone"; node-pg would read those as
  // the process's local time, so every timestamp crosses the boundary as timestamptz.
  const range = [start.toISOString(), end.toISOString()];
  const esc = await pool.query<ReportEscalation>(
    `SELECT id, platform, priority, vip, reason, labels, status,
            "firstEscalatedAt" AT TIME ZONE 'UTC' AS "firstEscalatedAt",
            "claimedAt" AT TIME ZONE 'UTC' AS "claimedAt", "claimedBySlackId",
            "resolvedAt" AT TIME ZONE 'UTC' AS "resolvedAt", "resolvedBy"
       FROM "Escalation"
      WHERE "firstEscalatedAt" >= ${UTC('$1')} AND "firstEscalatedAt" < ${UTC('$2')}`,
    range,
  );
  // A join instead of `escalationId = ANY($ids)`: one round trip whatever the cohort size. Entries
  // after the week end are still read: the metrics need to know a claim exists at all (fallback rule).
  const audit = await pool.query<ReportAuditEntry>(
    `SELECT a."escalationId", a.action, a."actorSlackId", a."actorName", a.detail,
            a."createdAt" AT TIME ZONE 'UTC' AS "createdAt"
       FROM "AuditEntry" a
       JOIN "Escalation" e ON e.id = a."escalationId"
      WHERE e."firstEscalatedAt" >= ${UTC('$1')} AND e."firstEscalatedAt" < ${UTC('$2')}
        AND a.action = ANY($3::text[])`,
    [...range, REPORT_ACTIONS],
  );
  return { escalations: esc.rows, audit: audit.rows };
}
