// Webhooks kept and queued in shared batches (group commit): concurrent deliveries with duplicates
// inside and across batches, a lone request at idle, and Redis or PostgreSQL stopping while a batch
// is being written. Real HTTP server, real PostgreSQL and Redis, signed requests.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl, testDb } from '../helpers/db.js';
import { eventually, type Harness, startHarness } from '../helpers/harness.js';
import { ThrowawayRedis } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

const db = testDb();
afterAll(() => db.$disconnect());

function escalation(h: Harness, tag: string) {
  const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
  const unique = `${tag}_${randomBytes(4).toString('hex')}`;
  body.id = `evt_${unique}`;
  body.data.conversation_id = `conv_${unique}`;
  return body;
}

function unknownEvent(tag: string) {
  return { id: `evt_${tag}_${randomBytes(4).toString('hex')}`, type: 'widget.opened', data: {} };
}

interface Answer {
  status: number;
  outcome?: string;
  deliveryId?: string;
}

async function send(h: Harness, body: object): Promise<Answer> {
  const res = await h.webhook('oscarchat', body);
  const json = (await res.json()) as { outcome?: string; deliveryId?: string };
  return { status: res.status, outcome: json.outcome, deliveryId: json.deliveryId };
}

/** handoff_ingest_batch_size count and sum, and the flushes by outcome, from /metrics. */
async function batchMetrics(h: Harness) {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? 0);
  return {
    flushes: value(/^handoff_ingest_batch_size_count (\d+)/m),
    items: value(/^handoff_ingest_batch_size_sum (\d+)/m),
    alone: value(/^handoff_ingest_batch_size_bucket\{le="1"\} (\d+)/m),
    failed: value(/^handoff_ingest_flush_seconds_count\{outcome="failed"\} (\d+)/m),
  };
}

const rowsFor = (ids: string[]) => db.webhookDelivery.findMany({ where: { deliveryKey: { in: ids.map((id) => `id:${id}`) } } });

describe('batched ingest', () => {
  let h: Harness;
  beforeAll(async () => {
    // role web: no worker takes the jobs, so the queue shows exactly what was enqueued.
    h = await startHarness({ role: 'web' });
  });
  afterAll(() => h.stop());

  it('a lone request is flushed at once, alone, not held for company', async () => {
    const before = await batchMetrics(h);
    for (let i = 0; i < 5; i++) {
      const answer = await send(h, escalation(h, 'lone'));
      expect(answer).toMatchObject({ status: 202, outcome: 'accepted' });
    }
    const after = await batchMetrics(h);
    // Five requests one after another: five flushes of one each.
    expect(after.flushes - before.flushes).toBe(5);
    expect(after.items - before.items).toBe(5);
    expect(after.alone - before.alone).toBe(5);
  });

  it('answers a lone request with timers frozen: nothing on the path waits for a timer to fire', async () => {
    // The server runs in this process: with setTimeout/setInterval faked and never advanced, a
    // batch window (or any other timer-driven wait) would never end and the request would hang.
    const guard = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('request waited for a timer')), 8000));
    guard.catch(() => undefined);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const answer = await Promise.race([send(h, escalation(h, 'frozen')), guard]);
      expect(answer).toMatchObject({ status: 202, outcome: 'accepted' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('200 concurrent deliveries: one row and one job per distinct delivery, the right status for each request', async () => {
    const earlier = Array.from({ length: 20 }, () => escalation(h, 'earlier'));
    const earlierIds = new Map<string, string>();
    for (const body of earlier) {
      const a = await send(h, body);
      expect(a.status).toBe(202);
      earlierIds.set(body.id, a.deliveryId as string);
    }
    const jobsBefore = (await h.running.container.producer.queues.events.getJobCounts('waiting')).waiting ?? 0;

    const once = Array.from({ length: 100 }, () => escalation(h, 'once'));
    const twice = Array.from({ length: 25 }, () => escalation(h, 'twice'));
    const hot = escalation(h, 'hot'); // the same delivery 20 times at once
    const ignored = Array.from({ length: 10 }, () => unknownEvent('ignored'));
    const requests: object[] = [...once, ...twice, ...twice, ...earlier, ...Array(20).fill(hot), ...ignored];
    expect(requests).toHaveLength(200);
    // Interleave deterministically so duplicates land both in one batch and in different ones.
    const order = requests.map((body, i) => ({ body, key: (i * 7919) % 200 })).sort((a, b) => a.key - b.key);

    const before = await batchMetrics(h);
    const answers = await Promise.all(order.map(({ body }) => send(h, body).then((a) => ({ body: body as { id: string }, a }))));
    const after = await batchMetrics(h);

    const byId = new Map<string, Answer[]>();
    for (const { body, a } of answers) byId.set(body.id, [...(byId.get(body.id) ?? []), a]);
    const outcomes = (id: string) => (byId.get(id) ?? []).map((a) => `${a.status} ${a.outcome}`).sort();

    for (const body of once) expect(outcomes(body.id)).toEqual(['202 accepted']);
    for (const body of twice) expect(outcomes(body.id)).toEqual(['200 duplicate', '202 accepted']);
    expect(outcomes(hot.id)).toEqual(['202 accepted', ...Array(19).fill('200 duplicate')].sort());
    for (const body of earlier) {
      expect(outcomes(body.id)).toEqual(['200 duplicate']);
      expect(byId.get(body.id)?.[0]?.deliveryId).toBe(earlierIds.get(body.id));
    }
    for (const body of ignored) expect(outcomes(body.id)).toEqual(['200 ignored']);
    // Every request for one delivery names the same stored row.
    for (const list of byId.values()) expect(new Set(list.map((a) => a.deliveryId)).size).toBe(1);

    const actionable = [...once, ...twice, hot, ...earlier].map((b) => b.id);
    const rows = await rowsFor([...actionable, ...ignored.map((b) => b.id)]);
    expect(rows).toHaveLength(actionable.length + ignored.length);
    expect(rows.filter((r) => r.status === 'ignored')).toHaveLength(ignored.length);

    const queue = h.running.container.producer.queues.events;
    const jobsAfter = (await queue.getJobCounts('waiting')).waiting ?? 0;
    expect(jobsAfter - jobsBefore).toBe(once.length + twice.length + 1);
    for (const row of rows.filter((r) => r.status === 'received')) {
      expect((await queue.getJob(`delivery-${row.id}`))?.data).toEqual({ deliveryId: row.id });
    }
    for (const row of rows.filter((r) => r.status === 'ignored'))
      expect(await queue.getJob(`delivery-${row.id}`)).toBeUndefined();

    // They did share commits: 200 requests in fewer than 200 flushes.
    expect(after.items - before.items).toBe(200);
    expect(after.flushes - before.flushes).toBeLessThan(200);
  });
});

/** Sends escalations while the batcher is stuck, and waits until each is in a flush or waiting for one. */
async function queueBehindFlush(h: Harness, bodies: object[], alreadyIn: number): Promise<Promise<Answer>[]> {
  const batcher = h.running.container.ingest;
  const answers = bodies.map((b) => send(h, b));
  await eventually(() => batcher.state.flushing + batcher.state.waiting === alreadyIn + bodies.length, 10_000, 10);
  return answers;
}

describe('when Redis stops in the middle of a batch', () => {
  it('answers 503 to every request of the batch, and a retry later is acknowledged once', async () => {
    const redis = await ThrowawayRedis.start();
    const h = await startHarness({ role: 'web', env: { REDIS_URL: redis.url } });
    const admin = new (await import('ioredis')).Redis(redis.url, { maxRetriesPerRequest: 0, lazyConnect: true });
    try {
      expect((await send(h, escalation(h, 'warm'))).status).toBe(202);
      const before = await batchMetrics(h);

      // Redis stalls; the first request is kept in PostgreSQL and its addBulk hangs...
      await admin.connect();
      await admin.call('CLIENT', 'PAUSE', '10000', 'ALL');
      const first = escalation(h, 'inflight');
      const firstAnswer = send(h, first);
      await eventually(async () => (await rowsFor([first.id])).length === 1, 10_000, 10);
      // ...ten more arrive and wait for the next flush; then Redis dies.
      const batch = Array.from({ length: 10 }, () => escalation(h, 'batch'));
      const batchAnswers = await queueBehindFlush(h, batch, 1);
      admin.disconnect();
      await redis.down();

      expect(await firstAnswer).toMatchObject({ status: 503 });
      for (const a of await Promise.all(batchAnswers)) expect(a.status).toBe(503);
      const after = await batchMetrics(h);
      // Every flush since the stall failed, and the eleven went in fewer than eleven of them.
      expect(after.items - before.items).toBe(11);
      expect(after.failed - before.failed).toBe(after.flushes - before.flushes);
      expect(after.flushes - before.flushes).toBeLessThan(11);

      // Kept (the commit came first) but not queued; the retry queues each exactly once.
      const all = [first, ...batch];
      expect((await rowsFor(all.map((b) => b.id))).every((r) => r.status === 'received')).toBe(true);
      await redis.up();
      await eventually(async () => (await fetch(`${h.url}/readyz`)).status === 200, 10_000, 100);
      for (const body of all) expect(await send(h, body)).toMatchObject({ status: 200, outcome: 'duplicate' });
      for (const body of all) expect((await send(h, body)).status).toBe(200);
      const queue = h.running.container.producer.queues.events;
      expect((await queue.getJobCounts('waiting')).waiting).toBe(all.length); // Redis restarted empty
      for (const row of await rowsFor(all.map((b) => b.id))) expect(await queue.getJob(`delivery-${row.id}`)).toBeDefined();
    } finally {
      admin.disconnect();
      await h.stop();
      await redis.down();
    }
  }, 40_000);
});

describe('when PostgreSQL stops in the middle of a batch', () => {
  it('answers 503 to every request of the batch, keeps none of it, and a retry later is accepted once', async () => {
    const target = new URL(testDatabaseUrl());
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const h = await startHarness({ role: 'web', env: { DATABASE_URL: proxy.rewrite(testDatabaseUrl()) } });
    try {
      expect((await send(h, escalation(h, 'warm'))).status).toBe(202);
      const queue = h.running.container.producer.queues.events;
      const jobsBefore = (await queue.getJobCounts('waiting')).waiting ?? 0;

      // PostgreSQL stalls with the first request's insert in flight; ten more wait; then it is gone.
      proxy.hold();
      const first = escalation(h, 'pg_inflight');
      const firstAnswer = send(h, first);
      await eventually(() => h.running.container.ingest.state.flushing === 1, 10_000, 10);
      const batch = Array.from({ length: 10 }, () => escalation(h, 'pg_batch'));
      const batchAnswers = await queueBehindFlush(h, batch, 1);
      proxy.down();

      expect(await firstAnswer).toMatchObject({ status: 503 });
      for (const a of await Promise.all(batchAnswers)) expect(a.status).toBe(503);
      const all = [first, ...batch];
      expect(await rowsFor(all.map((b) => b.id))).toHaveLength(0);
      expect((await queue.getJobCounts('waiting')).waiting).toBe(jobsBefore);

      proxy.up();
      for (const body of all) expect(await send(h, body)).toMatchObject({ status: 202, outcome: 'accepted' });
      for (const body of all) expect(await send(h, body)).toMatchObject({ status: 200, outcome: 'duplicate' });
      expect(await rowsFor(all.map((b) => b.id))).toHaveLength(all.length);
      expect((await queue.getJobCounts('waiting')).waiting).toBe(jobsBefore + all.length);
    } finally {
      await h.stop();
      await proxy.close();
    }
  }, 40_000);
});
