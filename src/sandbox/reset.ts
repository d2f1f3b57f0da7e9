// A clean slate for the sandbox: its own database (created if missing, migrated, emptied) and its
// own Redis key prefix (emptied). The Slack stand-in starts with an empty channel on every run, so
// escalations kept from a previous run would point at cards that no longer exist.
import { Redis } from 'ioredis';
import { ensureDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import { redactUrl } from '../../scripts/migrate/postgres.js';
import { createPool } from '../db/client.js';

/** Creates the database if missing, applies migrations, and empties every application table. */
export async function prepareDatabase(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const created = await ensureDatabase(databaseUrl);
  const { applied } = await migrateDeploy({ databaseUrl });
  const pool = createPool(databaseUrl);
  try {
    const { rows } = await pool.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length) await pool.query(`TRUNCATE TABLE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await pool.end();
  }
  const what = created ? 'created' : 'emptied';
  log(`database ${redactUrl(databaseUrl)} ${what}${applied.length ? `, ${applied.length} migration(s) applied` : ''}`);
}

/** Deletes every key matching `pattern` (SCAN, never KEYS). Rejects with a clear message when Redis is unreachable. */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    enableOfflineQueue: false,
  });
  redis.on('error', () => {}); // reported through the failing command instead
  let deleted = 0;
  try {
    await redis.connect().catch((err: Error) => {
      throw new Error(`Redis at ${redisUrl} is unreachable (${err.message}); start redis-server or set REDIS_URL`);
    });
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
