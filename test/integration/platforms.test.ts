// Every platform end to end: a signed webhook becomes a card; ShopGuide's customer comes from its
// API and a resolve from Slack makes its PUT; onWebChat's chat.closed resolves the card; Chat Data's
// lead fills in the contact; the generic shape works; a rotated secret is accepted.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/db/client.js';
import type { PlatformId } from '../../src/platforms/types.js';
import { BlockId, blockIdWithEscalation, ActionId } from '../../src/slack/ids.js';
import { type ShopGuideFake, startShopGuideFake } from '../fakes/shopguide.js';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, SECRETS, SIGNING_SECRET, startHarness } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest } from '../helpers/slack-requests.js';

let h: Harness;
let shopguide: ShopGuideFake;
const db = testDb();

beforeAll(async () => {
  shopguide = await startShopGuideFake({ apiKey: 'sg-test-key' });
  h = await startHarness({
    env: {
      ONWEBCHAT_WEBHOOK_SECRET: SECRETS.onwebchat,
      SHOPGUIDE_WEBHOOK_SECRET: SECRETS.shopguide,
      SHOPGUIDE_API_KEY: 'sg-test-key',
      SHOPGUIDE_API_URL: shopguide.url,
      CHATDATA_WEBHOOK_SECRET: SECRETS.chatdata,
      // Rotation: the new secret first, the old one still accepted.
      GENERIC_WEBHOOK_SECRET: `generic-new-secret,${SECRETS.generic}`,
    },
  });
  h.slack.addUser({ id: 'U0AGENT01', name: 'jane', real_name: 'Jane Doe', email: 'jane@shop.example.com' });
  const ada = h.shopify.addCustomer({ firstName: 'Ada', lastName: 'Byron', email: 'ada@example.com', tags: ['returning'] });
  h.shopify.addOrder({ customerId: ada.id, name: '#2001', lineItems: [{ title: 'Lamp', quantity: 1, price: '80.00' }] });
});

afterAll(async () => {
  await h?.stop();
  await shopguide?.close();
  await db.$disconnect();
});

const escalationOf = (platform: PlatformId, conversationId: string) =>
  eventually(() => db.escalation.findFirst({ where: { platform, conversationId, slackTs: { not: null } } }));
const cardText = (esc: Escalation) => JSON.stringify(h.slack.message(ESCALATION_CHANNEL, esc.slackTs as string)?.blocks ?? []);

describe('onWebChat', () => {
  it('a low rating escalates, and chat.closed resolves the card and keeps the transcript and labels', async () => {
    const chatId = Math.floor(Math.random() * 1e9);
    const rated = h.sample('onwebchat', 'chat.rated') as { chat: { id: number } };
    rated.chat.id = chatId;
    expect((await h.webhook('onwebchat', rated)).status).toBe(202);
    const esc = await escalationOf('onwebchat', String(chatId));
    expect(esc.reason).toMatch(/Low rating: 1\/5/);
    expect(cardText(esc)).toContain('onWebChat');
    expect(cardText(esc)).not.toContain(ActionId.assign); // no agent API to assign through

    const closed = h.sample('onwebchat', 'chat.closed') as { chat: { id: number; labels?: string[] } };
    closed.chat.id = chatId;
    expect((await h.webhook('onwebchat', closed)).status).toBe(202);
    const resolved = await eventually(() => db.escalation.findFirst({ where: { id: esc.id, status: 'resolved' } }));
    expect(resolved.resolvedBy).toBe('Priya Raman');
    expect(Array.isArray(resolved.transcript) && resolved.transcript.length).toBeGreaterThan(2);
    await eventually(() => /Resolved/i.test(cardText(resolved)));
    // The thread line follows the card update.
    await eventually(() => /Resolved on onWebChat/.test(h.slack.threadReplies(ESCALATION_CHANNEL, esc.slackTs as string).map((m) => m.text).join('\n')));
  });

  it('an offline message escalates with the visitor as the customer', async () => {
    const body = h.sample('onwebchat', 'offline_message.created') as { offline_message: { id: number | string } };
    body.offline_message.id = randomUUID();
    expect((await h.webhook('onwebchat', body)).status).toBe(202);
    const esc = await escalationOf('onwebchat', `offline-${body.offline_message.id}`);
    expect(esc.customerEmail).toBeTruthy();
  });
});

describe('ShopGuide', () => {
  it('gets the customer from its API, enriches from Shopify, and mirrors a Slack resolve with PUT', async () => {
    const conversationId = `conv_sg_${randomUUID()}`;
    const customerId = `cust_${randomUUID().slice(0, 8)}`;
    shopguide.customer(customerId, { name: 'Ada Byron', email: 'ada@example.com' });
    shopguide.conversation(conversationId, { customer_id: customerId, status: 'active' });
    const body = h.sample('shopguide', 'conversation.escalated') as { data: { conversation_id: string; customer_id: string } };
    body.data.conversation_id = conversationId;
    body.data.customer_id = customerId;
    expect((await h.webhook('shopguide', body)).status).toBe(202);

    const esc = await escalationOf('shopguide', conversationId);
    expect(esc.customerEmail).toBe('ada@example.com');
    expect(esc.priority).toBe('high');
    expect(cardText(esc)).toContain('#2001');

    const payload = blockActionPayload({
      userId: 'U0AGENT01',
      channel: ESCALATION_CHANNEL,
      messageTs: esc.slackTs as string,
      action: { action_id: ActionId.resolve, block_id: blockIdWithEscalation(BlockId.actions, esc.id), type: 'button', value: esc.id },
      responseUrl: h.slack.responseUrl(),
    });
    expect((await h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status).toBe(200);
    const put = await eventually(() =>
      shopguide.calls.find((c) => c.method === 'PUT' && c.path === `/conversations/${conversationId}` && (c.body as { status?: string })?.status),
    );
    expect(put.body).toMatchObject({ status: 'resolved' });
    expect(shopguide.conversations.get(conversationId)?.status).toBe('resolved');
    await eventually(() => db.escalation.findFirst({ where: { id: esc.id, status: 'resolved' } }));
  });

  it('conversation.completed resolves the card', async () => {
    const body = h.sample('shopguide', 'conversation.escalated') as { data: { conversation_id: string; customer_id: string } };
    const conversationId = `conv_sg_done_${randomUUID()}`;
    body.data.conversation_id = conversationId;
    await h.webhook('shopguide', body);
    const esc = await escalationOf('shopguide', conversationId);
    const done = h.sample('shopguide', 'conversation.completed') as { data: { conversation_id: string } };
    done.data.conversation_id = conversationId;
    expect((await h.webhook('shopguide', done)).status).toBe(202);
    await eventually(() => db.escalation.findFirst({ where: { id: esc.id, status: 'resolved' } }));
  });
});

describe('Chat Data', () => {
  it('shows the transcript and the handling link, and a later lead fills in the contact', async () => {
    const body = h.sample('chatdata', 'live-chat-escalation') as {
      conversation_id: string;
      handling_url: string;
      lead?: { uuid: string; name?: string; email?: string; phone?: string };
    };
    const conversationId = randomUUID();
    const leadId = randomUUID();
    body.conversation_id = conversationId;
    body.handling_url = `https://www.chat-data.com/chatbot/x/live-chat/${conversationId}`;
    body.lead = { uuid: leadId }; // the visitor has not left their details yet
    expect((await h.webhook('chatdata', body)).status).toBe(202);
    const esc = await escalationOf('chatdata', conversationId);
    expect(cardText(esc)).toContain(body.handling_url);
    expect(cardText(esc)).toMatch(/Transcript/);
    expect(esc.customerEmail).toBeNull();

    const lead = h.sample('chatdata', 'lead-submission') as { lead: { uuid: string; email: string } };
    lead.lead.uuid = leadId;
    lead.lead.email = 'ada@example.com';
    expect((await h.webhook('chatdata', lead)).status).toBe(202);
    const filled = await eventually(() => db.escalation.findFirst({ where: { id: esc.id, customerEmail: 'ada@example.com' } }));
    expect((filled.shopify as { status: string }).status).toBe('found');
    await eventually(() => cardText(filled).includes('#2001'));
  });
});

describe('generic webhook', () => {
  it('accepts the document-004 shape, signed with either secret of a rotation', async () => {
    for (const secret of ['generic-new-secret', SECRETS.generic]) {
      const body = h.sample('generic', 'conversation.escalated') as { timestamp: string; data: { conversationId: string; customerEmail: string } };
      body.data.conversationId = `conv_gen_${randomUUID()}`;
      body.data.customerEmail = 'ada@example.com';
      expect((await h.webhook('generic', body, { secret })).status).toBe(202);
      const esc = await escalationOf('generic', body.data.conversationId);
      expect(cardText(esc)).toContain('ada@example.com');
    }
    const body = h.sample('generic', 'conversation.escalated');
    expect((await h.webhook('generic', body, { secret: 'a-retired-secret' })).status).toBe(401);
  });
});
