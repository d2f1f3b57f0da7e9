// Dependencies blinking: Redis stopped, PostgreSQL unreachable, a worker killed in the middle of a
// job. Nothing acknowledged is lost, and nothing is done twice.
import { type ChildProcess, fork } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { buildContainer, start } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { ThrowawayRedis } from '../helpers/redis-server.js';

const db = testDb();
afterAll(() => db.$disconnect());

function escalationBody(h: Harness, tag: string) {
  const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
  body.id = `evt_${tag}_${Date.now()}`;
  body.data.conversation_id = `conv_${tag}_${Date.now()}`;
  return body;
}

describe('when Redis stops', () => {
  it('answers 503 without hanging, keeps the delivery, and queues it when the platform retries', async () => {
    const redis = await ThrowawayRedis.start();
    const h = await startHarness({ role: 'web', env: { REDIS_URL: redis.url } });
    try {
      const ok = await h.webhook('oscarchat', escalationBody(h, 'before'));
      expect(ok.status).toBe(202);

      await redis.down();
      const body = escalationBody(h, 'during');
      const started = Date.now();
      const res = await h.webhook('oscarchat', body);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await fetch(`${h.url}/readyz`)).status).toBe(503);
      // Kept in PostgreSQL, not yet queued: the sweeper or the platform's retry will queue it.
      const kept = await db.webhookDelivery.findFirstOrThrow({ where: { deliveryKey: `id:${body.id}` } });
      expect(kept.status).toBe('received');

      await redis.up();
      await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200, 10_000, 100);
      const retry = await h.webhook('oscarchat', body);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ outcome: 'duplicate' });
      const job = await h.running.container.producer.queues.events.getJob(`delivery-${kept.id}`);
      expect(job?.name).toBe('delivery.process');
    } finally {
      await h.stop();
      await redis.down();
    }
  });
});

describe('when Redis is down before handoff starts', () => {
  it('answers 503 within a few seconds instead of hanging', async () => {
    const redis = await ThrowawayRedis.start();
    await redis.down(); // a port where nothing answers
    const h = await startHarness({ role: 'web', env: { REDIS_URL: redis.url } });
    try {
      const started = Date.now();
      const res = await h.webhook('oscarchat', escalationBody(h, 'coldredis'));
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3500);
    } finally {
      await h.stop();
    }
  });
});

describe('when PostgreSQL is unreachable', () => {
  it('answers 503 and /readyz says which dependency is down', async () => {
    const h = await startHarness({ role: 'web', env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres' } });
    try {
      const res = await h.webhook('oscarchat', escalationBody(h, 'nopg'));
      expect(res.status).toBe(503);
      const ready = await fetch(`${h.url}/readyz`);
      expect(ready.status).toBe(503);
      const answer = await ready.json();
      expect(answer).toEqual({ ok: false, redis: 'ok', postgres: 'unavailable', failing: ['postgres'], platforms: ['oscarchat'] });
      // The driver's error (host, port, user) stays in the log.
      expect(JSON.stringify(answer)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres@/);
    } finally {
      await h.stop();
    }
  });
});

describe('when Slack is unreachable at start', () => {
  it('starts and keeps webhooks flowing (no unhandled rejection from an eager auth.test)', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const h = await startHarness({ role: 'web', env: { SLACK_API_URL: 'http://127.0.0.1:1/api/' } });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
      expect((await h.webhook('oscarchat', escalationBody(h, 'noslack'))).status).toBe(202);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      await h.stop();
    }
  });
});

describe('a worker killed in the middle of a job', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('gives exactly one card after another worker picks the job up', async () => {
    const tuning = { cardPostLeaseMs: 1500, lockDurationMs: 1000, backoffBaseMs: 100 };
    const h = await startHarness({ role: 'web', tuning });
    try {
      child = fork('test/helpers/worker-process.ts', {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          ...envOf(h),
          HANDOFF_TEST_TUNING: JSON.stringify(tuning),
        },
        stdio: 'ignore',
      });
      await new Promise<void>((resolve, reject) => {
        child?.once('message', () => resolve());
        child?.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      });

      // Slack stores the card but the answer is held back: the worker dies before it learns the ts.
      h.slack.delayNext('chat.postMessage', 10_000);
      const body = escalationBody(h, 'kill');
      expect((await h.webhook('oscarchat', body)).status).toBe(202);
      const cards = () =>
        h.slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(body.data.conversation_id));
      await eventually(() => cards().length === 1, 10_000);
      child.kill('SIGKILL');

      // A fresh worker: the stalled job comes back after the lock expires and finds the card.
      const worker = await start(buildContainer(h.config, { ...tuning, logger: createLogger('silent') }), 'worker');
      try {
        const esc = await eventually(
          () => db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
          15_000,
          100,
        );
        expect(cards()).toHaveLength(1);
        expect(esc.slackTs).toBe(cards()[0]?.ts);
        const delivery = await eventually(() =>
          db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${body.id}`, status: 'processed' } }),
        );
        expect(delivery).toBeTruthy();
        await new Promise((r) => setTimeout(r, 500));
        expect(cards()).toHaveLength(1);
      } finally {
        await worker.stop();
      }
    } finally {
      await h.stop();
    }
  }, 40_000);
});

/** The environment a separate process needs to join this harness (same DB, Redis prefix, fakes). */
function envOf(h: Harness): Record<string, string> {
  const c = h.config;
  return {
    DATABASE_URL: c.databaseUrl,
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    SLACK_BOT_TOKEN: c.slack.botToken,
    SLACK_SIGNING_SECRET: c.slack.signingSecret,
    SLACK_API_URL: c.slack.apiUrl,
    SLACK_ESCALATION_CHANNEL: c.slack.escalationChannel,
    SLACK_REPORT_CHANNEL: c.slack.reportChannel,
    SHOPIFY_SHOP: c.shopify.shop,
    SHOPIFY_ADMIN_ACCESS_TOKEN: c.shopify.accessToken,
    SHOPIFY_API_VERSION: c.shopify.apiVersion,
    SHOPIFY_ADMIN_API_URL: c.shopify.adminApiUrl ?? '',
    OSCAR_WEBHOOK_SECRET: c.platforms.oscarchat?.secrets.join(',') ?? '',
    OSCAR_API_KEY: c.platforms.oscarchat?.apiKey ?? '',
    OSCAR_WORKSPACE_ID: c.platforms.oscarchat?.workspaceId ?? '',
    OSCAR_API_URL: c.platforms.oscarchat?.apiUrl ?? '',
    LOG_LEVEL: 'silent',
  };
}
