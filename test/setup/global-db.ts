// vitest globalSetup: one fresh, migrated database and one Redis key prefix per test run.
// Test files read them with inject('databaseUrl' | 'redisUrl' | 'queuePrefix') (types in
// ./provided.d.ts); process.env.TEST_DATABASE_URL carries the database URL too.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';
import { deleteKeys } from '../../src/sandbox/reset.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = randomBytes(4).toString('hex');
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const databaseUrl = withDatabase(serverUrl, `handoff_test_${id}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `handoff-test-${id}`;

  await ensureDatabase(databaseUrl);
  try {
    await migrateDeploy({ databaseUrl });
  } catch (error) {
    await dropDatabase(databaseUrl).catch(() => {});
    throw error;
  }

  process.env.TEST_DATABASE_URL = databaseUrl;
  project.provide('databaseUrl', databaseUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('queuePrefix', queuePrefix);

  return async function teardown() {
    const results = await Promise.allSettled([dropDatabase(databaseUrl), deleteKeys(redisUrl, `${queuePrefix}*`)]);
    for (const result of results) {
      if (result.status === 'rejected') console.warn('test teardown:', (result.reason as Error).message ?? result.reason);
    }
  };
}
