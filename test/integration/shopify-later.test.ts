// Shopify throttled or down: the card goes out at once saying so, and the orders arrive later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';

const db = testDb();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ tuning: { backoffBaseMs: 100, backoffMaxMs: 300, enrichGiveUpMs: 60_000 } });
});

afterAll(async () => {
  await h?.stop();
  await db.$disconnect();
});

async function escalate(tag: string) {
  const n = `${tag}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const email = `${n}@example.com`;
  const c = h.shopify.addCustomer({ firstName: 'Lena', lastName: tag, email });
  h.shopify.addOrder({ customerId: c.id, name: `#${Math.floor(Math.random() * 1e6)}`, lineItems: [{ title: 'Kettle', quantity: 1, price: '40.00' }] });
  const body = h.sample('oscarchat', 'bot.escalated') as {
    id: string;
    data: { conversation_id: string; contact: { email: string; custom_attributes: Record<string, string> } };
  };
  body.id = `evt_${n}`;
  body.data.conversation_id = `conv_${n}`;
  body.data.contact.email = email;
  body.data.contact.custom_attributes = {};
  expect((await h.webhook('oscarchat', body)).status).toBe(202);
  const esc = await eventually(
    () => db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    20_000,
  );
  return esc;
}

const cardText = (ts: string) => JSON.stringify(h.slack.message(ESCALATION_CHANNEL, ts)?.blocks ?? []);

describe('Shopify throttling', () => {
  it('THROTTLED three times still ends with the orders on the card', async () => {
    h.shopify.throttleNext(3);
    const esc = await escalate('throttle3');
    await eventually(() => cardText(esc.slackTs as string).includes('Latest orders'), 20_000);
    expect(cardText(esc.slackTs as string)).toContain('Latest orders');
  });

  it('throttled beyond what the client waits out: the card says Shopify is busy, then fills in the orders', async () => {
    h.shopify.throttleNext(8);
    const esc = await escalate('throttle8');
    expect((esc.shopify as { status: string }).status).toBe('pending');
    expect(cardText(esc.slackTs as string)).toContain('Shopify is busy, retrying');
    await eventually(() => cardText(esc.slackTs as string).includes('Latest orders'), 20_000);
    const filled = await db.escalation.findUniqueOrThrow({ where: { id: esc.id } });
    expect((filled.shopify as { status: string }).status).toBe('found');
    // One card, updated in place.
    expect(h.slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && m.ts === esc.slackTs)).toHaveLength(1);
  });
});

describe('Shopify down, then up', () => {
  it('posts the card first and the orders when Shopify is back', async () => {
    await h.shopify.down();
    let esc: Awaited<ReturnType<typeof escalate>>;
    try {
      esc = await escalate('down');
      expect(cardText(esc.slackTs as string)).toContain('Shopify is busy, retrying');
      await new Promise((r) => setTimeout(r, 1000));
      expect(cardText(esc.slackTs as string)).not.toContain('Latest orders');
    } finally {
      await h.shopify.up();
    }
    await eventually(() => cardText(esc.slackTs as string).includes('Latest orders'), 20_000);
  });
});

describe('Shopify down for longer than the window', () => {
  it('gives up and the card says so', async () => {
    const quick = await startHarness({ tuning: { backoffBaseMs: 50, backoffMaxMs: 100, enrichGiveUpMs: 500 } });
    try {
      await quick.shopify.down();
      const body = quick.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
      body.id = `evt_giveup_${Date.now()}`;
      body.data.conversation_id = `conv_giveup_${Date.now()}`;
      expect((await quick.webhook('oscarchat', body)).status).toBe(202);
      const esc = await eventually(() =>
        db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
      );
      const text = () => JSON.stringify(quick.slack.message(ESCALATION_CHANNEL, esc.slackTs as string)?.blocks ?? []);
      await eventually(() => text().includes('gave up after'), 20_000);
      expect(text()).toContain('Shopify unavailable');
    } finally {
      await quick.stop();
    }
  });
});
