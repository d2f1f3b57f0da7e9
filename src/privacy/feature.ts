// Customer data: the daily retention job (raw bodies and old jobs). `handoff forget` lives in the CLI.
import type { Feature } from '../features/index.js';
import { JOBS } from '../queue/catalog.js';
import { retentionMs, runRetention } from './retention.js';

export const RETENTION_SCHEDULER_ID = 'retention-daily';
/** 03:17 UTC: a quiet hour, off the round minutes everyone else's cron uses. */
export const RETENTION_CRON = '17 3 * * *';

export const privacyFeature: Feature = {
  name: 'privacy',
  jobs(c) {
    return {
      'retention.run': async (_data, { log }) => {
        const result = await runRetention({ db: c.db, queues: c.producer.queues }, retentionMs(c.config.retentionDays));
        log.info({ ...result, days: c.config.retentionDays }, 'retention: old raw bodies and jobs deleted');
        return result;
      },
    };
  },
  async onWorkerStart(c) {
    // A job scheduler: one daily run however many workers start or restart.
    await c.producer.queues.events.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { pattern: RETENTION_CRON, tz: 'UTC' },
      { name: 'retention.run', data: {}, opts: { ...JOBS['retention.run'].options, removeOnComplete: 30, removeOnFail: 30 } },
    );
  },
};
