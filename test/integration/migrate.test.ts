// scripts/migrate: deploy applies prisma/migrations (and is idempotent); create diffs the schema
// against them. Runs against the PostgreSQL server from DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_PATH,
  databaseExists,
  dropDatabase,
  migrateCreate,
  migrateDeploy,
} from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';
import { APP_TABLES, testDb } from '../helpers/db.js';

const databaseUrl = inject('databaseUrl');

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function migrationFolders(dir = DEFAULT_MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe('migrate deploy', () => {
  it('has applied every migration to the test database', async () => {
    const tables = await query<{ table_name: string }>(
      databaseUrl,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining([...APP_TABLES, '_prisma_migrations']));

    const applied = await query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      databaseUrl,
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(applied.map((m) => m.migration_name)).toEqual(await migrationFolders());
    for (const m of applied) {
      expect(m.finished_at).not.toBeNull();
      expect(m.rolled_back_at).toBeNull();
    }
  });

  it('creates the unique constraints from the schema', async () => {
    const db = testDb();
    const deliveryKey = `migrate-test-${randomBytes(6).toString('hex')}`;
    try {
      const row = { platform: 'test', deliveryKey, eventType: 'x', body: '{}' };
      await db.webhookDelivery.create({ data: row });
      await expect(db.webhookDelivery.create({ data: row })).rejects.toMatchObject({ code: 'P2002' });
      await db.webhookDelivery.create({ data: { ...row, platform: 'other' } }); // the key is per platform
    } finally {
      await db.webhookDelivery.deleteMany({ where: { deliveryKey } });
      await db.$disconnect();
    }
  });

  it('is a no-op when run again', async () => {
    const before = await query(databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY id');
    expect(await migrateDeploy({ databaseUrl })).toEqual({ applied: [] });
    expect(await migrateDeploy({ databaseUrl })).toEqual({ applied: [] });
    expect(await query(databaseUrl, 'SELECT * FROM _prisma_migrations ORDER BY id')).toEqual(before);
  });

  describe('on a database that does not exist yet', () => {
    const scratchUrl = withDatabase(databaseUrl, `handoff_test_${randomBytes(4).toString('hex')}_deploy`);
    afterAll(() => dropDatabase(scratchUrl));

    it('creates it and applies all migrations, then nothing', async () => {
      expect(await databaseExists(scratchUrl)).toBe(false);
      const started = performance.now();
      const first = await migrateDeploy({ databaseUrl: scratchUrl });
      const ms = performance.now() - started;
      expect(first.applied).toEqual(await migrationFolders());
      expect(ms).toBeLessThan(10_000);
      expect(await migrateDeploy({ databaseUrl: scratchUrl })).toEqual({ applied: [] });
      const [{ count }] = (await query<{ count: string }>(scratchUrl, 'SELECT count(*) FROM _prisma_migrations')) as [
        { count: string },
      ];
      expect(Number(count)).toBe(first.applied.length);
    });
  });
});

describe('migrate create', () => {
  let workDir: string;
  let migrationsDir: string;

  beforeAll(async () => {
    // A copy of prisma/migrations, so nothing here can write into the real folder.
    workDir = await mkdtemp(path.join(tmpdir(), 'handoff-migrate-'));
    migrationsDir = path.join(workDir, 'migrations');
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('reports no changes when prisma/schema.prisma matches the migrations', async () => {
    const result = await migrateCreate('nothing', { databaseUrl, migrationsDir });
    const sql = result.path ? await readFile(path.join(result.path, 'migration.sql'), 'utf8') : '';
    expect(result.migration, `schema.prisma has changes not in prisma/migrations:\n${sql}`).toBeNull();
    expect(await migrationFolders(migrationsDir)).toEqual(await migrationFolders());
  });

  it('writes a new migration folder when the schema changes', async () => {
    const schema = await readFile(DEFAULT_SCHEMA_PATH, 'utf8');
    const changed = schema.replace(/model ReportRun \{/, 'model ReportRun {\n  migrateTestNote String?');
    expect(changed).not.toBe(schema);
    const schemaPath = path.join(workDir, 'schema.prisma');
    await writeFile(schemaPath, changed);

    const result = await migrateCreate('add_note', { databaseUrl, migrationsDir, schemaPath });
    expect(result.migration).toMatch(/^\d{14}_add_note$/);
    const folders = await migrationFolders(migrationsDir);
    expect(folders.at(-1)).toBe(result.migration); // sorts after the existing ones
    const sql = await readFile(path.join(migrationsDir, result.migration as string, 'migration.sql'), 'utf8');
    expect(sql).toContain('ALTER TABLE "ReportRun" ADD COLUMN');
    expect(sql).toContain('"migrateTestNote" TEXT');
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

    // The new migration now accounts for the change.
    expect(await migrateCreate('again', { databaseUrl, migrationsDir, schemaPath })).toEqual({ migration: null });
  });
});
