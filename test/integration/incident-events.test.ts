// A bad day's events: hostile bytes in customer text, a replayed onWebChat body, two deliveries
// for one conversation at once, Slack down until the dead-letter set, a card Slack refuses for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, SECRETS, startHarness } from '../helpers/harness.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';

const db = testDb();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { ONWEBCHAT_WEBHOOK_SECRET: SECRETS.onwebchat } });
});

afterAll(async () => {
  await h?.stop();
  await db.$disconnect();
});

type OscarBody = {
  id: string;
  data: { conversation_id: string; last_message: string; contact: { name: string; custom_attributes: Record<string, string> } };
};

function oscarEscalation(tag: string): OscarBody {
  const body = h.sample('oscarchat', 'bot.escalated') as OscarBody;
  const n = `${tag}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  body.id = `evt_${n}`;
  body.data.conversation_id = `conv_${n}`;
  return body;
}

const cardsFor = (conversationId: string) =>
  h.slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && JSON.stringify(m.blocks ?? []).includes(conversationId));

describe('customer text with control characters', () => {
  it('makes one clean card: NUL, an ANSI escape and a bidi override are removed, the words stay', async () => {
    const body = oscarEscalation('nul');
    body.data.last_message = 'Refund\u0000 please \u001b[31mNOW\u001b[0m for order \u202e#1042';
    body.data.contact.name = 'Maria\u0000 Keller';
    expect((await h.webhook('oscarchat', body)).status).toBe(202);

    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, slackTs: { not: null } } }),
    );
    expect(esc.lastMessage).toBe('Refund please NOW for order #1042');
    expect(esc.customerName).toBe('Maria Keller');
    const cards = cardsFor(body.data.conversation_id);
    expect(cards).toHaveLength(1);
    const shown = JSON.stringify(cards[0]?.blocks);
    expect(shown).toContain('Refund please NOW for order #1042');
    expect(shown).not.toMatch(/\\u0000|\\u001b|\u202e/);
  });
});

describe('an onWebChat body replayed under a new delivery id', () => {
  it('is a duplicate: no second escalation, no reopen', async () => {
    const body = h.sample('onwebchat', 'offline_message.created') as { offline_message: { id: number | string } };
    body.offline_message.id = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
    const first = await h.webhook('onwebchat', body, { headers: { 'x-owc-delivery': '111' } });
    expect(first.status).toBe(202);
    const conversationId = `offline-${body.offline_message.id}`;
    const esc = await eventually(() => db.escalation.findFirst({ where: { conversationId, slackTs: { not: null } } }));

    const replay = await h.webhook('onwebchat', body, { headers: { 'x-owc-delivery': '222' } });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ outcome: 'duplicate' });
    await new Promise((r) => setTimeout(r, 300));
    const after = await db.escalation.findUniqueOrThrow({ where: { id: esc.id } });
    expect(after.escalationCount).toBe(1);
    expect(await db.webhookDelivery.count({ where: { platform: 'onwebchat', body: { contains: String(body.offline_message.id) } } })).toBe(1);
  });
});

describe('two deliveries for one conversation at once', () => {
  it('keep every field and post each thread line once', async () => {
    const first = oscarEscalation('race');
    first.data.contact.custom_attributes = { plan: 'pro', total_spent: '10' };
    expect((await h.webhook('oscarchat', first)).status).toBe(202);
    const conversationId = first.data.conversation_id;
    const esc = await eventually(() => db.escalation.findFirst({ where: { conversationId, slackTs: { not: null } } }));
    expect(esc.vip).toBe(false);

    // Hold the row so both re-escalations read the old state and queue up behind us, VIP first.
    const waiting = () =>
      db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    const holder = db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE "id" = ${esc.id} FOR UPDATE`;
        await released;
      },
      { timeout: 30_000 },
    );
    try {
      const vip = { ...first, id: `${first.id}_vip`, data: { ...first.data, contact: { ...first.data.contact, custom_attributes: { plan: 'enterprise' } } } };
      const plain = { ...first, id: `${first.id}_plain`, data: { ...first.data, last_message: 'still waiting' } };
      expect((await h.webhook('oscarchat', vip)).status).toBe(202);
      await eventually(async () => Number((await waiting())[0]?.n) >= 1, 10_000);
      expect((await h.webhook('oscarchat', plain)).status).toBe(202);
      await eventually(async () => Number((await waiting())[0]?.n) >= 2, 10_000);
    } finally {
      release();
      await holder;
    }

    const done = await eventually(() => db.escalation.findFirst({ where: { id: esc.id, escalationCount: 3 } }));
    // The later, non-VIP event must not set vip back to false.
    expect(done.vip).toBe(true);
    expect(done.lastMessage).toBe('still waiting');
    const lines = await eventually(() => {
      const texts = h.slack.threadReplies(ESCALATION_CHANNEL, esc.slackTs as string).map((m) => m.text ?? '');
      return texts.filter((t) => t.includes('Re-escalated')).length >= 2 && texts;
    });
    await new Promise((r) => setTimeout(r, 300));
    const reEscalations = h.slack
      .threadReplies(ESCALATION_CHANNEL, esc.slackTs as string)
      .map((m) => m.text ?? '')
      .filter((t) => t.includes('Re-escalated'));
    expect(lines.length).toBeGreaterThan(0);
    expect(reEscalations).toHaveLength(2);
    expect(reEscalations.filter((t) => t.includes('2 times'))).toHaveLength(1);
    expect(reEscalations.filter((t) => t.includes('3 times'))).toHaveLength(1);
  });
});

describe('when Slack stays down', () => {
  let slack: FakeSlack;
  let down: Harness;

  beforeAll(async () => {
    slack = await startFakeSlack();
    down = await startHarness({ slack, tuning: { backoffBaseMs: 20, backoffMaxMs: 40, cardPostLeaseMs: 60_000 } });
  });
  afterAll(async () => {
    await down?.stop();
  });

  it('the dead-lettered job says Slack was unreachable, not that the card was being posted', async () => {
    await slack.close(); // connections to Slack are now refused
    const body = oscarEscalation('slackdown');
    expect((await down.webhook('oscarchat', body)).status).toBe(202);
    const delivery = await eventually(() => db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${body.id}` } }));
    const failed = await eventually(
      () => db.webhookDelivery.findFirst({ where: { id: delivery.id, status: 'failed' } }),
      20_000,
      100,
    );
    expect(failed.error).toMatch(/Slack unreachable/);
    const job = await down.running.container.producer.queues.events.getJob(`delivery-${delivery.id}`);
    expect(job?.attemptsMade).toBe(10);
    expect(job?.failedReason).toMatch(/Slack unreachable/);
    expect(job?.failedReason).not.toMatch(/another job/);
  });
});

describe('a card Slack refuses for good', () => {
  it('still reaches the channel as a fallback card naming the dead-letter entry', async () => {
    const body = oscarEscalation('fallback');
    h.slack.failNext('chat.postMessage', 'invalid_blocks');
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    const delivery = await eventually(() => db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${body.id}`, status: 'failed' } }));
    const fallback = await eventually(() =>
      h.slack.channelMessages(ESCALATION_CHANNEL).find((m) => !m.thread_ts && (m.text ?? '').includes(body.data.conversation_id)),
    );
    expect(fallback.text).toContain('could not be processed');
    expect(fallback.text).toContain(`dlq retry events:delivery-${delivery.id}`);
    expect(fallback.text).toContain('invalid_blocks');
  });
});
