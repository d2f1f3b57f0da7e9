// Database helpers for tests: the run's migrated test database (see test/setup/global-db.ts).
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db/client.js';

/** The run's test database URL (a fresh handoff_test_<random> database with migrations applied). */
export function testDatabaseUrl(): string {
  const url = inject('databaseUrl') || process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('no test database: is test/setup/global-db.ts the globalSetup?');
  return url;
}

/** A PrismaClient on the test database. Call `$disconnect()` in afterAll. */
export function testDb(url: string = testDatabaseUrl()): Db {
  return createDb(url, { max: 4 });
}

/** Application tables, children first (TRUNCATE ... CASCADE would cope either way). */
export const APP_TABLES = ['WebhookDelivery', 'AuditEntry', 'Escalation', 'AgentLink', 'ReportRun', 'SlaReminder'] as const;

/** Empties every application table (not _prisma_migrations), for tests that want a clean slate. */
export async function resetDb(db: Db): Promise<void> {
  const tables = APP_TABLES.map((t) => `"${t}"`).join(', ');
  await db.$executeRawUnsafe(`TRUNCATE TABLE ${tables} RESTART IDENTITY CASCADE`);
}
