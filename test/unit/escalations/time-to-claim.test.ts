// One definition of time to claim: the App Home's figure (SQL in PostgreSQL) and the weekly report's
// (TypeScript over audit rows) agree, including an Assign that claimed and was later released.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekFigures } from '../../../src/commands/open-escalations.js';
import { createPool, type Db, type Pool } from '../../../src/db/client.js';
import { isClaimEntry } from '../../../src/escalations/time-to-claim.js';
import { loadReportRows } from '../../../src/reports/load.js';
import { computeWeeklyMetrics } from '../../../src/reports/metrics.js';
import { testDatabaseUrl, testDb } from '../../helpers/db.js';

// A week no other test file writes to (the run's database is shared).
const WEEK = '2031-W11';
const FIRST = new Date('2031-03-11T10:00:00Z');
const NOW = new Date('2031-03-16T23:00:00Z');
const min = (n: number) => new Date(FIRST.getTime() + n * 60_000);

let db: Db;
let pool: Pool;

beforeAll(async () => {
  db = testDb();
  pool = createPool(testDatabaseUrl(), { max: 2 });
  const tag = `ttc_${Date.now()}`;
  // Assigned while unclaimed at +5 min (the assignee became the claimer), then released.
  const a = await db.escalation.create({
    data: { platform: 'oscarchat', conversationId: `${tag}_a`, firstEscalatedAt: FIRST, lastEscalatedAt: FIRST },
  });
  await db.auditEntry.create({
    data: { escalationId: a.id, action: 'assigned', source: 'slack', actorSlackId: 'U0BOSS', detail: { assignee: 'U0ANA', claimedToo: true }, createdAt: min(5) },
  });
  await db.auditEntry.create({ data: { escalationId: a.id, action: 'released', source: 'slack', actorSlackId: 'U0ANA', createdAt: min(8) } });
  // Claimed at +20 min.
  const b = await db.escalation.create({
    data: {
      platform: 'oscarchat',
      conversationId: `${tag}_b`,
      firstEscalatedAt: FIRST,
      lastEscalatedAt: FIRST,
      status: 'claimed',
      claimedBySlackId: 'U0KIM',
      claimedAt: min(20),
    },
  });
  await db.auditEntry.create({ data: { escalationId: b.id, action: 'claimed', source: 'slack', actorSlackId: 'U0KIM', createdAt: min(20) } });
  // Assigned to someone while already claimed: not a claim.
  await db.auditEntry.create({
    data: { escalationId: b.id, action: 'assigned', source: 'slack', detail: { assignee: 'U0ANA', claimedToo: false }, createdAt: min(1) },
  });
});

afterAll(async () => {
  await db?.$disconnect();
  await pool?.end();
});

describe('time to claim', () => {
  it('counts a Claim and an Assign that claimed, nothing else', () => {
    expect(isClaimEntry({ action: 'claimed' })).toBe(true);
    expect(isClaimEntry({ action: 'assigned', detail: { claimedToo: true } })).toBe(true);
    expect(isClaimEntry({ action: 'assigned', detail: { claimedToo: false } })).toBe(false);
    expect(isClaimEntry({ action: 'released' })).toBe(false);
  });

  it('is the same median in the App Home and in the weekly report', async () => {
    const home = await weekFigures(db, 'UTC', NOW);
    const rows = await loadReportRows(pool, WEEK, 'UTC');
    const report = computeWeeklyMetrics({ week: WEEK, timezone: 'UTC', slaClaimMinutes: 15, ...rows });
    // Median of 5 and 20 minutes.
    expect(home.medianClaimMs).toBe(12.5 * 60_000);
    expect(report.timeToClaim.median).toBe(12.5 * 60);
  });
});
