// Honest start: preflight against real PostgreSQL and Redis (and deliberately absent ones), and the
// real entry point exiting with one line per problem instead of retry noise.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, ensureDatabase } from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';
import { preflight, StartupError } from '../../src/startup/preflight.js';
import { baseEnv } from '../helpers/env.js';
import { startHarness } from '../helpers/harness.js';
import { freePort, ThrowawayRedis } from '../helpers/redis-server.js';

const databaseUrl = inject('databaseUrl');
const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => undefined);
});

async function problemsOf(urls: { databaseUrl: string; redisUrl: string }, opts = { waitMs: 1200, retryEveryMs: 200 }) {
  const started = Date.now();
  try {
    await preflight(urls, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(StartupError);
    return { problems: (err as StartupError).problems, ms: Date.now() - started };
  }
  throw new Error('expected preflight to fail');
}

describe('preflight', () => {
  it('passes on the migrated test database and the running Redis', async () => {
    await expect(preflight({ databaseUrl, redisUrl }, { waitMs: 2000 })).resolves.toBeUndefined();
  });

  it('names each unreachable URL without its credentials, after the bounded wait', async () => {
    const port = await freePort();
    const { problems, ms } = await problemsOf({
      databaseUrl: `postgresql://handoff:pg-s3cret@127.0.0.1:${port}/handoff`,
      redisUrl: `redis://:redis-s3cret@127.0.0.1:${port}`,
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      new RegExp(`^cannot reach PostgreSQL at postgresql://127\\.0\\.0\\.1:${port}/handoff after 1 s \\(.*ECONNREFUSED.*\\): check that PostgreSQL is running there and that DATABASE_URL is right$`),
    );
    expect(problems[1]).toMatch(
      new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${port} after 1 s \\(.*ECONNREFUSED.*\\): check that Redis is running there and that REDIS_URL is right$`),
    );
    expect(problems.join('\n')).not.toMatch(/s3cret|handoff:/);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('waits quietly for a Redis that comes up within the wait', async () => {
    const redis = await ThrowawayRedis.start();
    cleanups.push(() => redis.down());
    await redis.down();
    setTimeout(() => void redis.up(), 600);
    await expect(preflight({ databaseUrl, redisUrl: redis.url }, { waitMs: 8000, retryEveryMs: 100 })).resolves.toBeUndefined();
  });

  it('says to run db:migrate for a database that does not exist, without waiting', async () => {
    const missing = withDatabase(databaseUrl, `handoff_missing_${randomBytes(3).toString('hex')}`);
    const { problems, ms } = await problemsOf({ databaseUrl: missing, redisUrl }, { waitMs: 10_000, retryEveryMs: 200 });
    expect(problems).toEqual([expect.stringMatching(/^the database at postgresql:\/\/.*handoff_missing_\w+ does not exist: run `npm run db:migrate`/)]);
    expect(ms).toBeLessThan(5000);
  });

  it('says to run db:migrate for an empty database, and for one missing a migration', async () => {
    const empty = withDatabase(databaseUrl, `handoff_empty_${randomBytes(3).toString('hex')}`);
    await ensureDatabase(empty);
    cleanups.push(() => dropDatabase(empty));
    const { problems } = await problemsOf({ databaseUrl: empty, redisUrl }, { waitMs: 10_000, retryEveryMs: 200 });
    expect(problems).toEqual([expect.stringMatching(/has no handoff tables yet: run `npm run db:migrate`$/)]);

    // The migrated test database against a migrations folder with one more migration than it has.
    const dir = await mkdtemp(path.join(tmpdir(), 'handoff-migrations-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await mkdir(path.join(dir, '29990101000000_future'));
    await expect(preflight({ databaseUrl, redisUrl }, { waitMs: 1000, migrationsDir: dir })).rejects.toThrow(
      /is missing 1 migration\(s\) \(29990101000000_future\): run `npm run db:migrate`/,
    );
  });
});

describe('npm start with an unreachable Redis', () => {
  it('prints one line naming the URL and exits 1 after STARTUP_WAIT_SECONDS', async () => {
    const port = await freePort();
    const env = {
      ...process.env,
      ...baseEnv({ DATABASE_URL: databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}`, STARTUP_WAIT_SECONDS: '1' }),
    } as NodeJS.ProcessEnv;
    const root = path.resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out.trim().split('\n')).toEqual([
      'handoff cannot start:',
      `  - cannot reach Redis at redis://127.0.0.1:${port} after 1 s (connect ECONNREFUSED 127.0.0.1:${port}): check that Redis is running there and that REDIS_URL is right`,
    ]);
  }, 30_000);
});

describe('with no chat platform enabled', () => {
  it('warns loudly in the log and on /readyz (still ready: PostgreSQL and Redis answer)', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = await startHarness({ env: { OSCAR_WEBHOOK_SECRET: '' }, tuning: { logger: pino({ level: 'warn' }, sink) } });
    try {
      const warning =
        'no chat platform is enabled, so no escalation can arrive: set at least one of OSCAR_WEBHOOK_SECRET, ' +
        'ONWEBCHAT_WEBHOOK_SECRET, SHOPGUIDE_WEBHOOK_SECRET, CHATDATA_WEBHOOK_SECRET, GENERIC_WEBHOOK_SECRET (see .env.example)';
      expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: 40, msg: `WARNING: ${warning}` }));
      const ready = await fetch(`${h.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true, postgres: 'ok', redis: 'ok', platforms: [], warning });
    } finally {
      await h.stop();
    }
  });
});
