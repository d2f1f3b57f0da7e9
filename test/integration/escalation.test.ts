// A signed Oscar Chat webhook becomes one enriched Slack card: through the real HTTP server,
// real PostgreSQL and Redis, with Slack and Shopify as local fakes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { testDb } from '../helpers/db.js';

let h: Harness;
let db: Db;
let seq = 0;

/** A fresh bot.escalated for its own conversation (unique event id and conversation id). */
function escalation(overrides: { conversationId?: string; eventId?: string; email?: string; message?: string } = {}) {
  seq += 1;
  const body = h.sample('oscarchat', 'bot.escalated') as {
    id: string;
    data: { conversation_id: string; contact: { email: string }; last_message: string };
  };
  body.id = overrides.eventId ?? `evt_test_${Date.now()}_${seq}`;
  body.data.conversation_id = overrides.conversationId ?? `conv_test_${Date.now()}_${seq}`;
  if (overrides.email) body.data.contact.email = overrides.email;
  if (overrides.message) body.data.last_message = overrides.message;
  return body;
}

const cardsFor = (conversationId: string) =>
  h.slack
    .channelMessages(ESCALATION_CHANNEL)
    .filter((m) => !m.thread_ts && JSON.stringify(m.blocks ?? []).includes(conversationId));

beforeAll(async () => {
  h = await startHarness();
  db = testDb();
  const maria = h.shopify.addCustomer({ firstName: 'Maria', lastName: 'Keller', email: 'maria.keller@example.com', tags: ['wholesale'] });
  h.shopify.addOrder({ customerId: maria.id, name: '#1042', lineItems: [{ title: 'Linen duvet', quantity: 1, price: '640.25' }] });
  h.shopify.addOrder({ customerId: maria.id, name: '#1043', lineItems: [{ title: 'Pillow', quantity: 2, price: '300.00' }], financialStatus: 'REFUNDED' });
});

afterAll(async () => {
  await h?.stop();
  await db?.$disconnect();
});

beforeEach(() => {
  h.slack.reset?.();
});

describe('escalation pipeline', () => {
  it('turns a signed bot.escalated into exactly one card with the Shopify data', async () => {
    const body = escalation();
    const res = await h.webhook('oscarchat', body);
    expect(res.status).toBe(202);

    // The file's first card pays for cold caches (Shopify client, first jobs): ~2.5 s alone, past
    // 8 s when the whole suite shares two cores.
    const [card] = await eventually(
      () => cardsFor(body.data.conversation_id).length === 1 && cardsFor(body.data.conversation_id),
      20_000,
    );
    const text = JSON.stringify(card?.blocks);
    expect(text).toContain('Maria Keller');
    expect(text).toContain('maria.keller@example.com');
    expect(text).toContain('#1042');
    expect(text).toContain('#1043');
    expect(text).toContain('wholesale');
    expect(text).toMatch(/refund/i); // the refunded order's financial status
    expect(text).toContain(`/conversations/${body.data.conversation_id}`);

    // The card reaches Slack a moment before its ts is saved.
    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { platform: 'oscarchat', conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    );
    expect(esc.priority).toBe('urgent'); // "charged twice ... refund"
    expect(esc.vip).toBe(true); // total spent 1240.50 > 1000
    expect(esc.slackTs).toBe(card?.ts);
    expect((esc.shopify as { status: string }).status).toBe('found');
  }, 40_000);

  it('an email the visitor typed (a pre-chat attribute) is shown as unverified and does not make a VIP', async () => {
    const body = escalation({ message: 'where is my parcel' }) as unknown as {
      data: { conversation_id: string; contact: { email?: string; custom_attributes?: Record<string, unknown> } };
    };
    // The same address as the VIP above, but typed by the visitor rather than the platform's contact.
    const typed = body.data.contact.email as string;
    delete body.data.contact.email;
    // No platform attributes that would make a VIP on their own (the sample's total_spent would).
    body.data.contact.custom_attributes = { email: typed };
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { platform: 'oscarchat', conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    );
    expect(esc.customerEmail).toBe(typed);
    expect(esc.customerEmailUnverified).toBe(true);
    expect((esc.shopify as { status: string }).status).toBe('found');
    expect(esc.vip).toBe(false); // Shopify's 1240.50 is not trusted on a typed address alone
    const [card] = cardsFor(body.data.conversation_id);
    expect(JSON.stringify(card?.blocks)).toContain(`${typed} _(unverified: typed by the visitor)_`);
  });

  it('gives the same bytes a second time no second effect', async () => {
    const body = escalation();
    const first = await h.webhook('oscarchat', body);
    expect(first.status).toBe(202);
    await eventually(() => cardsFor(body.data.conversation_id).length === 1);
    const again = await h.webhook('oscarchat', body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsFor(body.data.conversation_id)).toHaveLength(1);
    expect(await db.webhookDelivery.count({ where: { deliveryKey: `id:${body.id}` } })).toBe(1);
  });

  it('dedupes on the body hash when the event has no id', async () => {
    const body = escalation() as Record<string, unknown> & { data: { conversation_id: string } };
    delete body.id;
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    expect((await h.webhook('oscarchat', body)).status).toBe(200);
    await eventually(() => cardsFor(body.data.conversation_id).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsFor(body.data.conversation_id)).toHaveLength(1);
  });

  it('updates the card and replies in its thread when the conversation escalates again', async () => {
    const conversationId = `conv_re_${Date.now()}`;
    await h.webhook('oscarchat', escalation({ conversationId }));
    const [card] = await eventually(() => cardsFor(conversationId).length === 1 && cardsFor(conversationId));
    await h.webhook('oscarchat', escalation({ conversationId, message: 'Still waiting, this is fraud' }));

    await eventually(() => h.slack.threadReplies(ESCALATION_CHANNEL, card!.ts).length === 1);
    await eventually(() => h.slack.message(ESCALATION_CHANNEL, card!.ts)!.updates >= 1);
    expect(cardsFor(conversationId)).toHaveLength(1);
    expect(JSON.stringify(h.slack.message(ESCALATION_CHANNEL, card!.ts)?.blocks)).toContain('Still waiting');
    const esc = await db.escalation.findFirstOrThrow({ where: { conversationId } });
    expect(esc.escalationCount).toBe(2);
  });

  it('a job retried after Slack failed applies the event once and still updates the card', async () => {
    // A new escalation whose first post fails: the retry posts, nothing counts twice.
    h.slack.failNext('chat.postMessage', 'internal_error');
    const first = escalation();
    await h.webhook('oscarchat', first);
    await eventually(() => cardsFor(first.data.conversation_id).length === 1, 10_000);
    const created = await eventually(() =>
      db.escalation.findFirst({ where: { conversationId: first.data.conversation_id, slackTs: { not: null } } }),
    );
    expect(created.escalationCount).toBe(1);
    expect(h.slack.threadReplies(ESCALATION_CHANNEL, created.slackTs as string)).toHaveLength(0);

    // A re-escalation whose card update fails once: one increment, one thread line.
    h.slack.failNext('chat.update', 'internal_error');
    await h.webhook('oscarchat', escalation({ conversationId: first.data.conversation_id, message: 'Hello? This is fraud' }));
    await eventually(() => h.slack.threadReplies(ESCALATION_CHANNEL, created.slackTs as string).length === 1, 10_000);
    await eventually(() => JSON.stringify(h.slack.message(ESCALATION_CHANNEL, created.slackTs as string)?.blocks).includes('This is fraud'));
    await new Promise((r) => setTimeout(r, 300));
    const after = await db.escalation.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.escalationCount).toBe(2);
    expect(await db.auditEntry.count({ where: { escalationId: created.id, action: 're_escalated' } })).toBe(1);
    expect(h.slack.threadReplies(ESCALATION_CHANNEL, created.slackTs as string)).toHaveLength(1);

    // A platform resolve whose card update fails once: the card still ends up resolved.
    h.slack.failNext('chat.update', 'internal_error');
    const resolved = h.sample('oscarchat', 'conversation.resolved') as { id: string; data: { conversation_id: string } };
    resolved.id = `evt_res_${Date.now()}`;
    resolved.data.conversation_id = first.data.conversation_id;
    await h.webhook('oscarchat', resolved);
    await eventually(() => /Resolved/.test(JSON.stringify(h.slack.message(ESCALATION_CHANNEL, created.slackTs as string)?.blocks)), 10_000);
    expect(await db.auditEntry.count({ where: { escalationId: created.id, action: 'resolved' } })).toBe(1);
  });

  it('rejects a bad signature with 401 and keeps nothing', async () => {
    const body = escalation();
    const events = h.running.container.producer.queues.events;
    const jobsBefore = await events.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed');
    const res = await h.webhook('oscarchat', body, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    // Why it failed is for the log, not for whoever sent it.
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    const unsigned = await fetch(`${h.url}/webhooks/oscarchat`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect(await db.webhookDelivery.count({ where: { deliveryKey: `id:${body.id}` } })).toBe(0);
    expect(await events.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')).toBe(jobsBefore);
    await new Promise((r) => setTimeout(r, 200));
    expect(cardsFor(body.data.conversation_id)).toHaveLength(0);
  });

  it('answers 413 over 1 MiB, 400 for signed non-JSON, 404 for a platform that is not enabled', async () => {
    const big = JSON.stringify({ type: 'bot.escalated', pad: 'x'.repeat(1024 * 1024) });
    expect((await h.webhook('oscarchat', big)).status).toBe(413);
    expect((await h.webhook('oscarchat', 'not json {')).status).toBe(400);
    expect((await h.webhook('oscarchat', '[1,2]')).status).toBe(400);
    const res = await fetch(`${h.url}/webhooks/shopguide`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    // A real platform that is off names its setting; a name that is no platform lists the real ones.
    expect((await res.json()).error).toBe(
      'platform "shopguide" is not enabled here: set SHOPGUIDE_WEBHOOK_SECRET (enabled now: oscarchat)',
    );
    const unknown = await fetch(`${h.url}/webhooks/intercom`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe(
      '"intercom" is not a platform handoff knows; platforms: oscarchat, onwebchat, shopguide, chatdata, generic',
    );
  });

  it('acknowledges unknown event types and ignores them', async () => {
    const res = await h.webhook('oscarchat', { id: `evt_unknown_${Date.now()}`, type: 'widget.opened', data: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'ignored' });
  });

  it('posts one card after Slack answers 429, waiting for Retry-After', async () => {
    h.slack.rateLimitNext('chat.postMessage', 1, 1);
    const body = escalation();
    const sentAt = Date.now();
    await h.webhook('oscarchat', body);
    await eventually(() => cardsFor(body.data.conversation_id).length === 1, 10_000);
    const posts = h.slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.args).includes(body.data.conversation_id));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.at.getTime() - posts[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(950);
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsFor(body.data.conversation_id)).toHaveLength(1);
  });

  it('waits out a Shopify THROTTLED answer and still shows the orders', async () => {
    h.shopify.throttleNext(1, { requestedQueryCost: 25, currentlyAvailable: 5, restoreRate: 100 });
    const body = escalation();
    await h.webhook('oscarchat', body);
    const [card] = await eventually(() => cardsFor(body.data.conversation_id).length === 1 && cardsFor(body.data.conversation_id));
    expect(JSON.stringify(card?.blocks)).toContain('#1042');
  });

  it('still posts the card when Shopify is down, and says so', async () => {
    h.shopify.failNext(20, 503);
    const body = escalation();
    await h.webhook('oscarchat', body);
    const [card] = await eventually(() => cardsFor(body.data.conversation_id).length === 1 && cardsFor(body.data.conversation_id));
    // The card does not wait: it says Shopify is busy, and a background job fills it in later.
    expect(JSON.stringify(card?.blocks)).toMatch(/Shopify is busy, retrying/);
    h.shopify.clearFaults();
  });

  it('says when the customer is not in Shopify', async () => {
    const body = escalation({ email: 'nobody-here@example.com' });
    await h.webhook('oscarchat', body);
    const [card] = await eventually(() => cardsFor(body.data.conversation_id).length === 1 && cardsFor(body.data.conversation_id));
    expect(JSON.stringify(card?.blocks)).toContain('nobody-here@example.com');
    expect(JSON.stringify(card?.blocks)).toMatch(/No Shopify customer/i);
  });

  it('serves health, readiness and metrics', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, postgres: 'ok', redis: 'ok', platforms: ['oscarchat'] });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/handoff_webhooks_total\{platform="oscarchat",outcome="accepted"\} \d+/);
    expect(metrics).toMatch(/handoff_webhooks_total\{platform="oscarchat",outcome="unauthorized"\} \d+/);
    // A POST to a platform that is not enabled counts as "unknown": URLs cannot mint series.
    expect(metrics).toMatch(/handoff_webhooks_total\{platform="unknown",outcome="not_found"\} \d+/);
    expect(metrics).not.toMatch(/platform="shopguide"/);
    expect(metrics).toMatch(/handoff_slack_calls_total\{method="chat.postMessage",outcome="ok"\}/);
    expect(metrics).toMatch(/handoff_shopify_calls_total/);
    expect(metrics).toMatch(/handoff_job_duration_seconds_bucket/);
    expect(metrics).toMatch(/handoff_queue_jobs\{queue="events",state="waiting"\}/);
  });
});
