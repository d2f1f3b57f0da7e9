// Before anything starts: can we reach PostgreSQL and Redis, and is the database migrated? A
// dependency that is still coming up (compose, a restart) is retried quietly for a bounded time;
// then, or at once for problems no wait can fix (unknown database, wrong password), one line per
// problem names the URL (without credentials) and what to check, and the process exits.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { safeUrl } from './safe-url.js';

export class StartupError extends Error {
  constructor(public readonly problems: string[]) {
    super(`handoff cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StartupError';
  }
}

export interface PreflightOptions {
  /** How long to keep retrying an unreachable dependency before giving up. */
  waitMs: number;
  retryEveryMs?: number;
  /** Where the migrations live; their names are compared with what the database has applied. */
  migrationsDir?: string;
}

/** Thrown by a probe for a problem that waiting cannot fix. */
class Fatal extends Error {}

const MIGRATE = 'run `npm run db:migrate`';
const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

export async function preflight(urls: { databaseUrl: string; redisUrl: string }, opts: PreflightOptions): Promise<void> {
  const db = safeUrl(urls.databaseUrl);
  const redis = safeUrl(urls.redisUrl);
  const results = await Promise.allSettled([
    retry(opts, () => checkPostgres(urls.databaseUrl, db, opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR), (err) =>
      `cannot reach PostgreSQL at ${db} after ${seconds(opts.waitMs)} (${reason(err)}): check that PostgreSQL is running there and that DATABASE_URL is right`,
    ),
    retry(opts, () => checkRedis(urls.redisUrl, redis), (err) =>
      `cannot reach Redis at ${redis} after ${seconds(opts.waitMs)} (${reason(err)}): check that Redis is running there and that REDIS_URL is right`,
    ),
  ]);
  const problems = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (problems.length) throw new StartupError(problems);
}

async function retry(opts: PreflightOptions, probe: () => Promise<void>, gaveUp: (err: unknown) => string): Promise<void> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    try {
      return await probe();
    } catch (err) {
      if (err instanceof Fatal) throw err;
      if (Date.now() + (opts.retryEveryMs ?? 1000) > deadline) throw new Error(gaveUp(err));
      await new Promise((r) => setTimeout(r, opts.retryEveryMs ?? 1000));
    }
  }
}

async function checkPostgres(url: string, shown: string, migrationsDir: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '3D000') throw new Fatal(`the database at ${shown} does not exist: ${MIGRATE} (it creates it)`);
    if (code === '28P01' || code === '28000')
      throw new Fatal(`PostgreSQL at ${shown} refused the login (${reason(err)}): check the user and password in DATABASE_URL`);
    throw err;
  }
  try {
    const pending = await pendingMigrations(client, migrationsDir);
    if (pending === 'none-applied') throw new Fatal(`the database at ${shown} has no handoff tables yet: ${MIGRATE}`);
    if (pending.length)
      throw new Fatal(`the database at ${shown} is missing ${pending.length} migration(s) (${pending.join(', ')}): ${MIGRATE}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Migrations in the folder that the database has not finished applying. */
async function pendingMigrations(client: pg.Client, dir: string): Promise<string[] | 'none-applied'> {
  let applied: Set<string>;
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return 'none-applied';
    throw err;
  }
  // Without the folder (an unusual build) only the table's presence can be checked.
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !applied.has(e.name)).map((e) => e.name).sort();
}

async function checkRedis(url: string, shown: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis rejects connect() with "Connection is closed."; the cause arrives as an 'error' event.
  let cause: unknown;
  redis.on('error', (err) => {
    cause = err;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (thrown) {
    const err = cause ?? thrown;
    if (/NOAUTH|WRONGPASS|invalid password/i.test(reason(err)))
      throw new Fatal(`Redis at ${shown} refused the login (${reason(err)}): check the password in REDIS_URL`);
    throw err;
  } finally {
    redis.disconnect();
  }
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ message?: string }> };
  // Node's AggregateError (IPv4 and IPv6 both refused) keeps the useful text in .errors.
  const message = e.message || e.errors?.[0]?.message || e.code || String(err);
  return message.split('\n')[0] ?? message;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
