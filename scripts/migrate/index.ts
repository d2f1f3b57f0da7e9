// Library API behind `tsx scripts/migrate.ts deploy|create`: apply prisma/migrations to a database,
// or diff prisma/schema.prisma against them into a new migration folder. Same folder layout,
// migration_lock.toml and _prisma_migrations table as the prisma CLI.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { type EngineSession, openEngine, type SchemaFile } from './engine.js';
import { DEFAULT_DATABASE_URL, ensureDatabase, MigrateError } from './postgres.js';

export { DEFAULT_DATABASE_URL, databaseExists, dropDatabase, ensureDatabase, MigrateError } from './postgres.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');
export const DEFAULT_SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma/schema.prisma');

const LOCKFILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface MigrateOptions {
  /** Defaults to $DATABASE_URL, then postgresql://postgres@127.0.0.1:5432/postgres. */
  databaseUrl?: string;
  /** Defaults to prisma/migrations in this project. */
  migrationsDir?: string;
  /** Progress lines; defaults to silent. */
  log?: (line: string) => void;
}

export interface CreateOptions extends MigrateOptions {
  /** Defaults to prisma/schema.prisma in this project. */
  schemaPath?: string;
}

function resolveUrl(options: MigrateOptions): string {
  return options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** Reads the migrations folder the way the prisma CLI does (a missing folder is an empty history). */
export async function readMigrationsList(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const content = await readFile(path.join(baseDir, name, MIGRATION_FILE), 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: Error) => ({ tag: 'error' as const, value: error.message }),
      );
      return { path: name, migrationFile: { path: MIGRATION_FILE, content } };
    }),
  );
  return { baseDir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

async function withEngine<T>(url: string, fn: (engine: EngineSession) => Promise<T>): Promise<T> {
  const engine = await openEngine(url);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/**
 * Applies every migration in the folder that the database has not recorded in _prisma_migrations
 * (creating the database first if needed). Returns the names applied, in order; empty when
 * the database was up to date.
 */
export async function migrateDeploy(options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const url = resolveUrl(options);
  const log = options.log ?? (() => {});
  if (await ensureDatabase(url)) log('created the database');
  const migrationsList = await readMigrationsList(options.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    log(`no migrations in ${migrationsList.baseDir}`);
  }
  const { appliedMigrationNames } = await withEngine(url, (engine) =>
    engine.run('applyMigrations', { migrationsList, filters: NO_FILTERS }),
  );
  return { applied: appliedMigrationNames };
}

/**
 * Diffs the migration history (replayed on a scratch shadow database) against the Prisma schema
 * and writes `<migrationsDir>/<timestamp>_<name>/migration.sql` plus migration_lock.toml.
 * Returns the new folder's name, or null when the schema has no changes. Does not apply it, and
 * does not look at the state of the database itself (only its server is used, for the shadow).
 */
export async function migrateCreate(
  name: string,
  options: CreateOptions = {},
): Promise<{ migration: string | null; path?: string }> {
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new MigrateError(`migration name must be letters, digits and "_": ${JSON.stringify(name)}`);
  }
  const url = resolveUrl(options);
  const schemaPath = path.resolve(options.schemaPath ?? DEFAULT_SCHEMA_PATH);
  const schema: SchemaFile = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
  const migrationsList = await readMigrationsList(options.migrationsDir);
  await ensureDatabase(url);

  // `diff` from the migrations to the schema is what `prisma migrate diff --from-migrations
  // --to-schema --script` runs. (The engine's createMigration only works after a devDiagnostic
  // that saw an up-to-date database, so it fails whenever the database is behind the folder.)
  const { exitCode, stdout } = await withEngine(url, (engine) =>
    engine.run('diff', {
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true, // 2 when there is a difference
      filters: NO_FILTERS,
    }),
  );
  if (exitCode !== 2 || !stdout) return { migration: null };

  const previous = migrationsList.migrationDirectories.at(-1)?.path;
  const migration = `${migrationTimestamp(new Date(), previous)}_${name}`;
  const dir = path.join(migrationsList.baseDir, migration);
  if (existsSync(dir)) throw new MigrateError(`migration folder already exists: ${dir}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, MIGRATION_FILE), stdout, 'utf8');
  await writeFile(
    path.join(migrationsList.baseDir, LOCKFILE),
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    'utf8',
  );
  options.log?.(`wrote ${path.join(dir, MIGRATION_FILE)}`);
  return { migration, path: dir };
}

/** UTC `YYYYMMDDHHMMSS`, moved past the previous migration's timestamp if the clock is behind it. */
function migrationTimestamp(now: Date, previous: string | undefined): string {
  let stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const last = previous?.match(/^(\d{14})_/)?.[1];
  if (last && stamp <= last) stamp = (BigInt(last) + 1n).toString(); // sorting is what matters
  return stamp;
}
