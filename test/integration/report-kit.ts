// Shared setup for the weekly report's integration tests: a scratch database of their own (the
// report reads every escalation of a week, so other files' rows in the shared database would
// change its figures) and seeding of a week's escalations with their audit trail.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';
import { createDb, type Db } from '../../src/db/client.js';
import { weekRange } from '../../src/reports/week.js';

export interface ScratchDb {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function scratchDatabase(tag: string): Promise<ScratchDb> {
  const url = withDatabase(inject('databaseUrl'), `handoff_test_${tag}_${randomBytes(3).toString('hex')}`);
  await ensureDatabase(url);
  await migrateDeploy({ databaseUrl: url });
  const db = createDb(url, { max: 4 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}

/**
 * Seeds `count` escalations on the Monday..Wednesday of `week` (in the zone): platforms alternate
 * oscarchat / shopguide; every one is claimed by U0AGENT1 after `claimMinutes`, every other one
 * resolved an hour in. Returns the ids.
 */
export async function seedWeek(db: Db, week: string, timezone: string, count: number, claimMinutes = 5): Promise<string[]> {
  const { start } = weekRange(week, timezone);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = new Date(start.getTime() + (10 + i * 7) * 3_600_000);
    const at = (min: number) => new Date(first.getTime() + min * 60_000);
    const e = await db.escalation.create({
      data: {
        platform: i % 2 ? 'shopguide' : 'oscarchat',
        conversationId: `rep-${week}-${i}-${randomBytes(3).toString('hex')}`,
        priority: i % 3 ? 'normal' : 'urgent',
        vip: i === 0,
        reason: i % 2 ? 'refund' : 'shipping',
        labels: i % 2 ? ['refund'] : [],
        firstEscalatedAt: first,
        lastEscalatedAt: first,
        status: i % 2 ? 'claimed' : 'resolved',
        claimedBySlackId: 'U0AGENT1',
        claimedAt: at(claimMinutes),
        resolvedAt: i % 2 ? null : at(60),
        resolvedBy: i % 2 ? null : 'U0AGENT1',
      },
    });
    const entries = [
      { action: 'escalated', source: 'platform', createdAt: first },
      { action: 'claimed', source: 'slack', actorSlackId: 'U0AGENT1', createdAt: at(claimMinutes) },
      // A refused second Claim: must not count for U0AGENT2.
      { action: 'rejected', source: 'slack', actorSlackId: 'U0AGENT2', outcome: 'failed', createdAt: at(claimMinutes + 1) },
      ...(i % 2 ? [] : [{ action: 'resolved', source: 'slack', actorSlackId: 'U0AGENT1', createdAt: at(60) }]),
    ];
    await db.auditEntry.createMany({ data: entries.map((a) => ({ escalationId: e.id, ...a })) });
    ids.push(e.id);
  }
  return ids;
}
