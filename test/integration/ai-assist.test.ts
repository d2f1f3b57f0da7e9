// AI that helps the agent answer, end to end (real PostgreSQL, Redis, HTTP, Bolt and workers;
// Slack, Oscar Chat and OpenAI as local fakes): the Reply modal's drafted answer, masked before it
// leaves, shown in the modal and sent only on Send; a slow model's draft arriving by views.update;
// Draft again; a failing model; suggested labels applied through the Label action.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/db/client.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../../src/slack/ids.js';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai.js';
import { ESCALATION_CHANNEL, eventually, SIGNING_SECRET } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

const WAIT_MS = 400;
let kit: Kit;
let openai: FakeOpenAi;

beforeAll(async () => {
  openai = await startFakeOpenAi('sk-test');
  openai.answers.reply_draft = { language: 'en', reply: 'Hi [CUSTOMER_NAME], your order #1042 shipped with UPS, tracking 1Z999AA10123456784.' };
  kit = await startKit({
    tuning: { draftWaitMs: WAIT_MS, aiCircuitFailures: 3, aiCircuitOpenMs: 5000 },
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url, ESCALATION_LABELS: 'refund,shipping,damaged' },
  });
}, 30_000);

afterAll(async () => {
  await kit?.stop();
  await openai?.close();
});

const SNAPSHOT = {
  status: 'found',
  fetchedAt: '2026-11-20T10:00:00Z',
  customer: {
    id: 'gid://shopify/Customer/7',
    name: 'Maria Keller',
    email: 'maria.keller@example.com',
    ordersCount: 3,
    totalSpent: { amount: '310.00', currencyCode: 'EUR' },
    tags: [],
    adminUrl: 'https://admin.shopify.com/store/keller/customers/7',
  },
  orders: [
    {
      id: 'gid://shopify/Order/1042',
      name: '#1042',
      createdAt: '2026-11-18T09:30:00Z',
      total: { amount: '59.00', currencyCode: 'EUR' },
      financialStatus: 'PARTIALLY_REFUNDED',
      fulfillmentStatus: 'FULFILLED',
      adminUrl: 'https://admin.shopify.com/store/keller/orders/1042',
      shipments: [{ status: 'SUCCESS', tracking: [{ number: '1Z999AA10123456784', company: 'UPS' }] }],
      refunded: { amount: '10.00', currencyCode: 'EUR' },
    },
  ],
};

/** An escalation whose conversation has every kind of personal data in it, and Shopify facts. */
async function escalateWithPersonalData(): Promise<Escalation> {
  const esc = await kit.escalate();
  await kit.db.escalation.update({ where: { id: esc.id }, data: { shopify: SNAPSHOT, customerPhone: '+49 170 9876543' } });
  const texts = [
    'Hello, Maria Keller here. Where is my parcel? Write me at maria.k@mailbox.example or call +49 170 5550199.',
    'Deliver to 221B Baker Street instead. I paid with 4111 1111 1111 1111 and was charged twice.',
  ];
  for (const [i, text] of texts.entries()) {
    await kit.db.conversationMessage.create({
      data: { escalationId: esc.id, direction: 'in', author: 'customer', text, requestKey: `test:${esc.id}:${i}`, status: 'posted' },
    });
  }
  return esc;
}

function clickReply(esc: Escalation, userId: string) {
  const payload = blockActionPayload({
    userId,
    channel: ESCALATION_CHANNEL,
    messageTs: esc.slackTs as string,
    action: { action_id: ActionId.reply, type: 'button', value: esc.id },
    triggerId: `trigger-${randomUUID()}`,
  });
  return kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload));
}

type View = Record<string, unknown> & { id: string; hash: string; blocks: Array<Record<string, unknown>>; private_metadata: string };

/** Click Reply and return the modal views.open showed. */
async function openReply(esc: Escalation, userId: string = USERS.jane.id): Promise<View> {
  const known = new Set(kit.h.slack.views.keys());
  expect((await clickReply(esc, userId)).status).toBe(200);
  const id = await eventually(() => [...kit.h.slack.views.keys()].find((k) => !known.has(k)));
  // The view as views.open showed it (later views.update calls replace it in `views`).
  return kit.h.slack.modals.find((m) => m.id === id) as View;
}

const latest = (view: View) => kit.h.slack.views.get(view.id) as View;
const inputOf = (view: View) => view.blocks.find((b) => String(b.block_id).startsWith(BlockId.replyInput)) as {
  block_id: string;
  element: { initial_value?: string };
};

function submit(view: View, text: string, userId: string = USERS.jane.id) {
  const values = { [inputOf(view).block_id]: { [ActionId.replyText]: { type: 'plain_text_input', value: text } } };
  return kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, viewSubmissionPayload({ userId, view, values })));
}

/** What reached the customer: outgoing public messages (a claim's private note lands there too). */
const sentTo = (esc: Escalation) =>
  (kit.oscar.conversations.get(esc.conversationId)?.messages ?? []).filter((m) => m.message_type === 'outgoing' && !m.private);
const draftRequests = () => openai.requestsFor('reply_draft');

describe('drafted replies', () => {
  it('sends the model no email, phone, card number, address or name from the customer text; keeps the order facts', async () => {
    const esc = await escalateWithPersonalData();
    const before = draftRequests().length;
    await openReply(esc);
    await eventually(() => draftRequests().length > before);
    const sent = JSON.stringify(draftRequests().at(-1));
    for (const secret of ['maria.k@mailbox.example', 'maria.keller@example.com', '5550199', '9876543', 'Baker Street', '4111', 'Keller', 'Maria']) {
      expect(sent).not.toContain(secret);
    }
    expect(sent).toContain('[email]');
    expect(sent).toContain('[address]');
    expect(sent).toContain('[card number]');
    // The facts the answer needs do go: order number, date, statuses, tracking, amounts.
    for (const fact of ['#1042', '2026-11-18', 'PARTIALLY_REFUNDED', 'FULFILLED', '1Z999AA10123456784', 'UPS', 'refunded 10.00 EUR', '59.00 EUR']) {
      expect(sent).toContain(fact);
    }
  });

  it('lands in the modal with the name re-filled, is sent only on Send, and a reopen reuses it', async () => {
    const esc = await escalateWithPersonalData();
    const view = await openReply(esc);
    const draft = inputOf(view).element.initial_value;
    expect(draft).toBe('Hi Maria, your order #1042 shipped with UPS, tracking 1Z999AA10123456784.');
    expect(view.notify_on_close).toBe(true);
    await settle(300);
    expect(sentTo(esc)).toHaveLength(0);

    // Reopening the unchanged conversation shows the stored draft: no second call.
    const calls = draftRequests().length;
    const again = await openReply(esc, USERS.bob.id);
    expect(draftRequests()).toHaveLength(calls);
    expect(inputOf(again).element.initial_value).toBe(draft);

    expect((await submit(view, draft as string)).status).toBe(200);
    await eventually(() => sentTo(esc).length === 1);
    expect(sentTo(esc)[0]?.content).toBe(draft);
    await eventually(async () => (await kit.db.aiDraft.findFirst({ where: { escalationId: esc.id } }))?.outcome === 'sent_unchanged');
  });

  it('an edited draft is sent as edited and counted so', async () => {
    const esc = await escalateWithPersonalData();
    const view = await openReply(esc);
    expect((await submit(view, 'Hi Maria, the parcel is with UPS; we refunded the double charge.')).status).toBe(200);
    await eventually(() => sentTo(esc).length === 1);
    expect(sentTo(esc)[0]?.content).toBe('Hi Maria, the parcel is with UPS; we refunded the double charge.');
    await eventually(async () => (await kit.db.aiDraft.findFirst({ where: { escalationId: esc.id } }))?.outcome === 'sent_edited');
  });

  it('a slow model: the modal opens empty at once, then views.update fills the box', async () => {
    const esc = await escalateWithPersonalData();
    openai.delayMs = 1200;
    try {
      const started = Date.now();
      const view = await openReply(esc);
      expect(Date.now() - started).toBeLessThan(1200);
      expect(inputOf(view).element.initial_value).toBeUndefined();
      expect(JSON.stringify(view.blocks)).toContain('Drafting a reply');
      const update = await eventually(() => kit.h.slack.callsOf('views.update').find((c) => c.args.view_id === view.id));
      expect(update.args.hash).toBe(view.hash);
      const filled = latest(view);
      expect(inputOf(filled).element.initial_value).toContain('Hi Maria');
      // A new block_id, so Slack replaces the empty box instead of keeping its state.
      expect(inputOf(filled).block_id).not.toBe(inputOf(view).block_id);
      expect(sentTo(esc)).toHaveLength(0);
    } finally {
      openai.delayMs = 0;
    }
  });

  it('Draft again asks for another version and shows it; the first one counts as discarded', async () => {
    const esc = await escalateWithPersonalData();
    const view = await openReply(esc);
    const first = JSON.parse(view.private_metadata).draftId as string;
    openai.answers.reply_draft = { language: 'en', reply: 'Hello [CUSTOMER_NAME], UPS has your parcel (1Z999AA10123456784).' };
    try {
      const before = draftRequests().length;
      const payload = {
        ...blockActionPayload({
          userId: USERS.jane.id,
          channel: ESCALATION_CHANNEL,
          messageTs: esc.slackTs as string,
          action: { action_id: ActionId.replyRedraft, type: 'button', block_id: BlockId.replyDraftActions },
        }),
        container: { type: 'view', view_id: view.id },
        view,
      };
      expect((await kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status).toBe(200);
      await eventually(() => inputOf(latest(view)).element.initial_value?.startsWith('Hello Maria'));
      expect(draftRequests()).toHaveLength(before + 1);
      expect(JSON.stringify(draftRequests().at(-1))).toContain('another version');
      expect((await kit.db.aiDraft.findUniqueOrThrow({ where: { id: first } })).outcome).toBe('discarded');
    } finally {
      openai.answers.reply_draft = { language: 'en', reply: 'Hi [CUSTOMER_NAME], your order #1042 shipped with UPS, tracking 1Z999AA10123456784.' };
    }
  });
});

describe('suggested labels', () => {
  it('show on the card and one click applies the label through the Label action: audited and mirrored', async () => {
    openai.answer = { ...openai.answer, suggestedLabels: ['refund'] };
    const esc = await kit.escalate();
    await eventually(() => kit.cardText(esc).includes(BlockId.aiLabels));
    const card = kit.card(esc).blocks as Array<{ block_id?: string; elements?: Array<Record<string, unknown>> }>;
    const row = card.find((b) => b.block_id === blockIdWithEscalation(BlockId.aiLabels, esc.id));
    const button = row?.elements?.[0] as { action_id: string; value: string };
    expect(button.value).toBe('refund');
    // A label set after the card was drawn is kept: the button adds, it does not replace.
    await kit.db.escalation.update({ where: { id: esc.id }, data: { labels: ['damaged'] } });
    const payload = blockActionPayload({
      userId: USERS.kim.id,
      channel: ESCALATION_CHANNEL,
      messageTs: esc.slackTs as string,
      action: { ...button, type: 'button', block_id: row?.block_id },
    });
    expect((await kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status).toBe(200);
    await eventually(async () => (await kit.row(esc)).labels.includes('refund'));
    expect((await kit.row(esc)).labels).toEqual(['damaged', 'refund']);
    const audit = await eventually(() => kit.db.auditEntry.findFirst({ where: { escalationId: esc.id, action: 'labelled' } }));
    expect(audit.actorSlackId).toBe(USERS.kim.id);
    expect(audit.detail).toMatchObject({ added: ['refund'], removed: [], suggested: true });
    await eventually(() => kit.oscarCalls(esc, 'labels').length > 0);
    // Applied: the button is gone from the card.
    await eventually(() => !kit.cardText(esc).includes(BlockId.aiLabels));
  });
});

describe('a failing model', () => {
  it('leaves the card and the Reply modal working, then the circuit stops calling for a while', async () => {
    openai.failNext(20, 500);
    try {
      const esc = await escalateWithPersonalData();
      const view = await openReply(esc);
      const latestView = await eventually(() => {
        const v = latest(view);
        return JSON.stringify(v.blocks).includes('No draft this time') && v;
      });
      expect(inputOf(latestView).element.initial_value).toBeUndefined();
      // The card went out and has no AI section; the triage gave up quietly.
      await eventually(async () => (await kit.row(esc)).triage !== null);
      expect(kit.cardText(esc)).not.toContain(BlockId.triage);
      // The agent still answers.
      expect((await submit(latestView, 'Sorry for the wait, checking now.')).status).toBe(200);
      await eventually(() => sentTo(esc).length === 1);

      // The circuit is open (shared through Redis): the next Reply asks nothing of OpenAI.
      const { producerRedis, config } = kit.h.running.container;
      await eventually(async () => (await producerRedis.exists(`${config.queuePrefix}:ai:circuit-open`)) === 1);
      const calls = openai.requests.length;
      const other = await escalateWithPersonalData();
      const second = await openReply(other);
      expect(JSON.stringify(latest(second).blocks)).toContain('No draft this time');
      await settle(200);
      expect(openai.requests).toHaveLength(calls);
    } finally {
      openai.clearFailures();
    }
  });
});
