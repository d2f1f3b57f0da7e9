// The conversation in Slack end to end (real PostgreSQL, Redis, HTTP, Bolt and workers; Slack and
// Oscar Chat as local fakes): platform messages in the card's thread, agents' thread messages as
// private notes, the Reply modal sending to the customer exactly once, and no echoes.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '../../src/db/client.js';
import { ActionId, BlockId, CallbackId } from '../../src/slack/ids.js';
import { ESCALATION_CHANNEL, eventually, SECRETS, SIGNING_SECRET } from '../helpers/harness.js';
import {
  blockActionPayload,
  eventRequest,
  interactionRequest,
  messageEventBody,
  viewSubmissionPayload,
} from '../helpers/slack-requests.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

const WINDOW_MS = 700;
let kit: Kit;

beforeAll(async () => {
  kit = await startKit({ tuning: { mirrorWindowMs: WINDOW_MS, platformTimeoutMs: 400 }, env: { ONWEBCHAT_WEBHOOK_SECRET: SECRETS.onwebchat, CHATDATA_WEBHOOK_SECRET: SECRETS.chatdata } });
}, 30_000);

afterAll(async () => {
  await kit?.stop();
});

/** An Oscar Chat message.created for the escalation's conversation. */
function oscarMessage(esc: Escalation, content: string, message: Record<string, unknown> = {}) {
  const body = kit.h.sample('oscarchat', 'message.created') as { id: string; data: Record<string, unknown> };
  body.id = `evt_${randomUUID()}`;
  body.data.conversation_id = esc.conversationId;
  body.data.message = { ...(body.data.message as object), id: `msg_${randomUUID()}`, content, ...message };
  return body;
}

async function oscarWebhook(esc: Escalation, content: string, message: Record<string, unknown> = {}) {
  expect((await kit.h.webhook('oscarchat', oscarMessage(esc, content, message))).status).toBe(202);
}

async function threadMessage(esc: Escalation, event: Record<string, unknown> & { text: string }) {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(randomInt(1e6)).padStart(6, '0')}`;
  const body = messageEventBody({ channel: ESCALATION_CHANNEL, ts, thread_ts: esc.slackTs as string, ...event });
  expect((await kit.h.post('/slack/events', eventRequest(SIGNING_SECRET, body))).status).toBe(200);
}

/** Click Reply on the card and return the modal the fake Slack opened. */
async function openReply(esc: Escalation, userId: string): Promise<Record<string, unknown>> {
  const before = kit.h.slack.modals.length;
  const triggerId = `trigger-${randomUUID()}`;
  const payload = blockActionPayload({
    userId,
    channel: ESCALATION_CHANNEL,
    messageTs: esc.slackTs as string,
    action: { action_id: ActionId.reply, type: 'button', value: esc.id },
    triggerId,
  });
  expect((await kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status).toBe(200);
  await eventually(() => kit.h.slack.modals.length > before);
  const open = kit.h.slack.callsOf('views.open').at(-1);
  expect(open?.args.trigger_id).toBe(triggerId);
  return kit.h.slack.modals.at(-1) as Record<string, unknown>;
}

function submitRequest(userId: string, view: Record<string, unknown>, text: string) {
  const values = { [BlockId.replyInput]: { [ActionId.replyText]: { type: 'plain_text_input', value: text } } };
  return interactionRequest(SIGNING_SECRET, viewSubmissionPayload({ userId, view, values }));
}

const sentTo = (esc: Escalation) => kit.oscar.conversations.get(esc.conversationId)?.messages ?? [];
const posts = (esc: Escalation) => kit.h.slack.threadReplies(ESCALATION_CHANNEL, esc.slackTs as string);

describe('customer messages in the thread', () => {
  it('messages within a few seconds share one post, as plain text, and the card shows the last one', async () => {
    const esc = await kit.escalate();
    await oscarWebhook(esc, 'Hello <!channel> anyone? <@U0JANE> <https://evil.example|click>');
    await oscarWebhook(esc, 'Order #1001 still missing');
    await eventually(() => posts(esc).length >= 1);
    await settle(WINDOW_MS + 300);
    const thread = posts(esc);
    expect(thread).toHaveLength(1);
    const text = thread[0]?.text ?? '';
    expect(text).toContain('Maria Keller');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&lt;@U0JANE&gt;');
    expect(text).toContain('Order #1001 still missing');
    expect(text).not.toMatch(/<!channel>|<@U0JANE>|<https:/);
    const blocks = JSON.stringify(thread[0]?.blocks);
    expect(blocks).toContain('"verbatim":true');
    expect(blocks).not.toMatch(/<!channel>|<@U0JANE>/);
    await eventually(() => kit.cardText(esc).includes('Order #1001 still missing'));
  });

  it("bot answers are shown as the bot's", async () => {
    const esc = await kit.escalate();
    await oscarWebhook(esc, 'I am only a bot, a human will help you', { message_type: 'outgoing', sender_type: 'bot' });
    const [post] = await eventually(() => posts(esc).length >= 1 && posts(esc));
    expect(post?.text).toContain('*Bot* on Oscar Chat');
    expect(post?.text).toContain('I am only a bot');
  });

  it('onWebChat: the visitor’s messages reach the thread; no Reply button, the card says where to answer', async () => {
    const chatId = randomInt(1e8, 2e9);
    const rated = kit.h.sample('onwebchat', 'chat.rated') as { chat: { id: number } };
    rated.chat.id = chatId;
    expect((await kit.h.webhook('onwebchat', rated)).status).toBe(202);
    const esc = await eventually(() =>
      kit.db.escalation.findFirst({ where: { platform: 'onwebchat', conversationId: String(chatId), slackTs: { not: null } } }),
    );
    const card = kit.cardText(esc);
    expect(card).not.toContain(`"${ActionId.reply}"`);
    expect(card).toContain('Answer the customer in onWebChat');

    const message = kit.h.sample('onwebchat', 'message.created') as { chat: { id: number }; message: { id: number; text: string } };
    message.chat.id = chatId;
    message.message.id = randomInt(1e9);
    message.message.text = 'Are you still there?';
    expect((await kit.h.webhook('onwebchat', message)).status).toBe(202);
    const [post] = await eventually(() => posts(esc).some((p) => p.text?.includes('Are you still there?')) && posts(esc));
    expect(post?.text).toContain('Ingrid Solberg');
  });
  it("Chat Data: a chat's customer message and the AI's answer share one post", async () => {
    const conversationId = randomUUID();
    const escalated = kit.h.sample('chatdata', 'live-chat-escalation') as { conversation_id: string };
    escalated.conversation_id = conversationId;
    expect((await kit.h.webhook('chatdata', escalated)).status).toBe(202);
    const esc = await eventually(() =>
      kit.db.escalation.findFirst({ where: { platform: 'chatdata', conversationId, slackTs: { not: null } } }),
    );
    const chat = kit.h.sample('chatdata', 'chat') as { conversation_id: string };
    chat.conversation_id = conversationId;
    expect((await kit.h.webhook('chatdata', chat)).status).toBe(202);
    const [post] = await eventually(() => posts(esc).length >= 1 && posts(esc));
    expect(post?.text).toContain('(customer) on Chat Data');
    expect(post?.text).toContain('Alpine shell jacket in medium?');
    expect(post?.text).toContain('*Bot* on Chat Data');
  });

  it('a customer message on a resolved conversation still reopens it, and is shown', async () => {
    const esc = await kit.escalate();
    await kit.db.escalation.update({ where: { id: esc.id }, data: { status: 'resolved', resolvedAt: new Date(), resolvedBy: 'U0JANE' } });
    await oscarWebhook(esc, 'It broke again');
    await eventually(async () => (await kit.row(esc)).status === 'open');
    await eventually(() => posts(esc).some((p) => p.text?.includes('It broke again')));
    expect(posts(esc).some((p) => p.text?.includes('Reopened: the customer wrote again'))).toBe(true);
  });
});

describe('thread messages are notes', () => {
  it("an agent's message in the card's thread reaches Oscar as a private note, never to the customer", async () => {
    const esc = await kit.escalate();
    await threadMessage(esc, { user: USERS.jane.id, text: 'Warehouse says Friday, <@U0BOB> can you check &amp; confirm?' });
    // Not a card thread, a bot's message, an edit: none of them is a note.
    await threadMessage(esc, { user: USERS.bob.id, text: 'top-level chatter', thread_ts: undefined });
    await threadMessage(esc, { bot_id: 'B0OTHER', subtype: 'bot_message', text: 'a bot in the thread' });
    await threadMessage(esc, { user: USERS.bob.id, subtype: 'message_changed', text: 'edited' });

    const [note] = await eventually(() => kit.oscarCalls(esc, 'messages').length >= 1 && kit.oscarCalls(esc, 'messages'));
    expect(note?.body).toEqual({
      content: 'Jane Doe in Slack: Warehouse says Friday, @Bob Roe can you check & confirm?',
      message_type: 'activity',
      private: true,
    });
    await settle(500);
    expect(kit.oscarCalls(esc, 'messages')).toHaveLength(1);
    expect(sentTo(esc).filter((m) => !m.private)).toEqual([]);
  });
});

describe('Reply to the customer', () => {
  it('opens a modal with the last lines; Send reaches Oscar once (submitted twice), the thread shows it, the replier claims', async () => {
    const esc = await kit.escalate();
    await oscarWebhook(esc, 'Any news about my refund?');
    await eventually(() => posts(esc).length >= 1);

    const view = await openReply(esc, USERS.jane.id);
    expect(view.callback_id).toBe(CallbackId.reply);
    expect(JSON.stringify(view.blocks)).toContain('Any news about my refund?');

    const submit = submitRequest(USERS.jane.id, view, 'Your refund went out today.');
    expect((await kit.h.post('/slack/events', submit)).status).toBe(200);
    expect((await kit.h.post('/slack/events', submit)).status).toBe(200);

    await eventually(() => posts(esc).some((p) => p.text?.includes('replied to the customer')));
    await eventually(async () => (await kit.row(esc)).claimedBySlackId === USERS.jane.id);
    await settle(600);
    expect(sentTo(esc).filter((m) => !m.private)).toEqual([
      expect.objectContaining({ content: 'Your refund went out today.', message_type: 'outgoing', private: false }),
    ]);
    const line = posts(esc).filter((p) => p.text?.includes('replied to the customer'));
    expect(line).toHaveLength(1);
    expect(line[0]?.text).toContain(`<@${USERS.jane.id}> replied to the customer`);
    expect(line[0]?.text).toContain('Your refund went out today.');
    await eventually(() => posts(esc).some((p) => p.text?.includes('claimed this')));

    // The platform reports the reply back: recognised, not posted again. Another agent's message is.
    const before = posts(esc).length;
    await oscarWebhook(esc, 'Your refund went out today.', { message_type: 'outgoing', sender_type: 'user' });
    await settle(WINDOW_MS + 500);
    expect(posts(esc)).toHaveLength(before);
    await oscarWebhook(esc, 'Jonas here, I added a voucher', { message_type: 'outgoing', sender_type: 'user' });
    await eventually(() => posts(esc).some((p) => p.text?.includes('Jonas here')));
    expect(posts(esc).filter((p) => p.text?.includes('Your refund went out today.'))).toHaveLength(1);
  });

  it('a refused send says so privately and nothing pretends it was sent', async () => {
    const esc = await kit.escalate();
    const view = await openReply(esc, USERS.bob.id);
    kit.oscar.failNext(1, 422);
    expect((await kit.h.post('/slack/events', submitRequest(USERS.bob.id, view, 'This will not arrive'))).status).toBe(200);
    const told = await eventually(() => kit.h.slack.ephemerals.find((e) => e.user === USERS.bob.id && e.text?.includes('not* sent')));
    expect(told.text).toContain('This will not arrive');
    await settle(400);
    expect(sentTo(esc)).toEqual([]);
    expect(posts(esc).some((p) => p.text?.includes('replied to the customer'))).toBe(false);
    expect((await kit.row(esc)).claimedBySlackId).toBeNull();
  });

  it('a retried send (Oscar 503, then Slack failing the thread line) still reaches the customer once', async () => {
    const esc = await kit.escalate();
    const view = await openReply(esc, USERS.kim.id);
    kit.oscar.failNext(1, 503);
    kit.h.slack.failNext('chat.postMessage', 'internal_error');
    expect((await kit.h.post('/slack/events', submitRequest(USERS.kim.id, view, 'Second time lucky'))).status).toBe(200);
    await eventually(() => posts(esc).some((p) => p.text?.includes('replied to the customer')));
    await settle(500);
    expect(sentTo(esc).filter((m) => !m.private).map((m) => m.content)).toEqual(['Second time lucky']);
  });
  it('a send Oscar took but never answered is found there on the retry, not sent again', async () => {
    const esc = await kit.escalate();
    const view = await openReply(esc, USERS.jane.id);
    kit.oscar.slow(1500); // stored at once, answered after the client's 400 ms timeout
    expect((await kit.h.post('/slack/events', submitRequest(USERS.jane.id, view, 'Did this arrive?'))).status).toBe(200);
    await eventually(() => sentTo(esc).length === 1);
    kit.oscar.slow(0);
    await eventually(() => posts(esc).some((p) => p.text?.includes('replied to the customer')), 10_000);
    await settle(500);
    expect(sentTo(esc).filter((m) => !m.private).map((m) => m.content)).toEqual(['Did this arrive?']);
    const posted = kit.oscarCalls(esc, 'messages').filter((c) => (c.body as { private?: boolean }).private === false);
    expect(posted).toHaveLength(1);
    // It was looked up, not assumed: the retry read the conversation before deciding.
    expect(kit.oscar.calls.some((c) => c.method === 'GET' && c.path === `/conversations/${esc.conversationId}`)).toBe(true);
  });
  it('an empty reply, or one handoff cannot store, keeps the modal open with the reason', async () => {
    const esc = await kit.escalate();
    const view = await openReply(esc, USERS.jane.id);
    const empty = await kit.h.post('/slack/events', submitRequest(USERS.jane.id, view, '   '));
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { [BlockId.replyInput]: 'Write a reply first.' } });
    const gone = { ...view, private_metadata: JSON.stringify({ escalationId: randomUUID() }) };
    const refused = await kit.h.post('/slack/events', submitRequest(USERS.jane.id, gone, 'Hello?'));
    expect(await refused.json()).toMatchObject({
      response_action: 'errors',
      errors: { [BlockId.replyInput]: expect.stringContaining('nothing was sent') },
    });
    await settle(300);
    expect(sentTo(esc)).toEqual([]);
  });
});
