// Nothing acknowledged is lost even when Redis loses its data: deliveries are kept in PostgreSQL,
// and the sweeper re-queues any that were acknowledged but never processed. Runs on a database of
// its own, since the sweeper looks at every delivery in the database.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dropDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import { buildContainer, start } from '../../src/container.js';
import { createDb } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { ESCALATION_CHANNEL, eventually, startHarness } from '../helpers/harness.js';

const url = inject('databaseUrl').replace(/\/[^/]*$/, `/handoff_test_sweep_${randomBytes(4).toString('hex')}`);

afterAll(async () => {
  await dropDatabase(url);
});

describe('the delivery sweeper', () => {
  it('re-queues a delivery whose job Redis forgot, and it becomes exactly one card', async () => {
    await migrateDeploy({ databaseUrl: url, log: () => {} });
    const db = createDb(url);
    const tuning = { strandedAfterMs: 300, sweepEveryMs: 200 };
    const h = await startHarness({ role: 'web', env: { DATABASE_URL: url }, tuning });
    try {
      const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
      body.id = `evt_sweep_${Date.now()}`;
      body.data.conversation_id = `conv_sweep_${Date.now()}`;
      expect((await h.webhook('oscarchat', body)).status).toBe(202);
      // Redis restarts empty: the queued job is gone, the delivery row is not.
      await h.running.container.producer.queues.events.obliterate({ force: true });
      const kept = await db.webhookDelivery.findFirstOrThrow({ where: { deliveryKey: `id:${body.id}` } });
      expect(kept.status).toBe('received');

      const worker = await start(buildContainer(h.config, { ...tuning, logger: createLogger('silent') }), 'worker');
      try {
        await eventually(() => db.webhookDelivery.findFirst({ where: { id: kept.id, status: 'processed' } }), 10_000);
        const cards = () =>
          h.slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(body.data.conversation_id));
        // The card is posted by the card lane's job, just after the delivery is processed.
        await eventually(() => cards().length > 0, 10_000);
        await new Promise((r) => setTimeout(r, 500));
        expect(cards()).toHaveLength(1);
      } finally {
        await worker.stop();
      }
    } finally {
      await h.stop();
      await db.$disconnect();
    }
  });
});
