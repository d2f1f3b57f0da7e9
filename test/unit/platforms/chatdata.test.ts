import { describe, expect, it } from 'vitest';
import { createChatDataAdapter } from '../../../src/platforms/chatdata/adapter.js';
import { samples, sign } from '../../../src/platforms/chatdata/samples.js';
import { adapterContract, type ContractSpec, NOW, parseSample, SECRET, signed } from './contract.js';

const make = (secrets: string[]) => createChatDataAdapter({ secrets });

const spec: ContractSpec = {
  id: 'chatdata',
  displayName: 'Chat Data',
  capabilities: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
  make,
  samples,
  sign,
  fixturesDir: new URL('../../../src/platforms/chatdata/fixtures/', import.meta.url),
  signature: { header: 'x-chat-data-hmac-sha256', encoding: 'base64' },
  kinds: {
    'live-chat-escalation': ['escalated'],
    chat: ['message', 'message'],
    'lead-submission': ['contact'],
    'user-online': [],
    'user-offline': [],
  },
  deliveryId: () => undefined,
  unknownEvent: { event: 'chatbot-retrained', chatbot_id: '654aee418bc9a33b0e50d0ad', conversation_id: 'c1' },
  conversationUrl: { id: 'dbf24043-83a6-47fb-b241-9865de3877c9', expected: undefined },
};

adapterContract(spec);

describe('Chat Data specifics', () => {
  it('live-chat-escalation: transcript, handling_url as the link, the lead as the customer', () => {
    const [e] = parseSample(spec, 'live-chat-escalation');
    expect(e).toMatchObject({
      kind: 'escalated',
      conversationId: 'dbf24043-83a6-47fb-b241-9865de3877c9',
      conversationUrl:
        'https://www.chat-data.com/chatbot/654aee418bc9a33b0e50d0ad/live-chat/dbf24043-83a6-47fb-b241-9865de3877c9',
      customer: {
        name: 'Aiko Tanaka',
        email: 'aiko.tanaka@example.com',
        phone: '+1 415 555 0134',
        platformId: '28239132-671d-4b1f-9d43-1c7b70985ede',
      },
      lastMessage: 'Yes please, I want to talk to a person or get a refund',
      reason: 'Customer asked for a live agent (Northwind Assistant)',
    });
    if (e?.kind !== 'escalated') return;
    expect(e.transcript?.map((l) => l.author)).toEqual(['bot', 'customer', 'bot', 'customer']);
  });

  it('never takes notification_email (the business inbox) as the customer email', () => {
    const body = {
      event: 'live-chat-escalation',
      conversation_id: 'c1',
      notification_email: 'team@shop.example',
      lead: { uuid: 'u1' },
    };
    const [e] = make([SECRET]).parse(body, {});
    expect(e?.kind === 'escalated' && e.customer.email).toBeFalsy();
    expect(e).toMatchObject({ customer: { platformId: 'u1' } });
  });

  it("chat: the newest customer message, then the AI's answer as the bot's", () => {
    const [customer, bot, ...rest] = parseSample(spec, 'chat');
    expect(customer).toMatchObject({
      kind: 'message',
      author: 'customer',
      text: 'Do you have the Alpine shell jacket in medium?',
      customer: { platformId: '28239132-671d-4b1f-9d43-1c7b70985ede' },
    });
    expect(bot).toMatchObject({ kind: 'message', author: 'bot', text: expect.stringContaining('Alpine shell jacket is in stock') });
    expect(rest).toEqual([]);
    const onlyBot = { event: 'chat', conversation_id: 'c1', messages: [{ role: 'assistant', content: 'Hi' }] };
    expect(make([SECRET]).parse(onlyBot, {})).toEqual([]);
  });

  it('lead-submission without a conversation is keyed by the lead uuid', () => {
    expect(parseSample(spec, 'lead-submission')[0]).toMatchObject({
      kind: 'contact',
      conversationId: 'lead-28239132-671d-4b1f-9d43-1c7b70985ede',
      customer: { name: 'Aiko Tanaka', email: 'aiko.tanaka@example.com', platformId: '28239132-671d-4b1f-9d43-1c7b70985ede' },
    });
    const withConversation = { event: 'lead-submission', conversation_id: 'c9', lead: { uuid: 'u', email: 'a@example.com' } };
    expect(make([SECRET]).parse(withConversation, {})[0]?.conversationId).toBe('c9');
  });

  it('events carry no time, so occurredAt is the parse time', () => {
    const before = Date.now();
    const [e] = parseSample(spec, 'live-chat-escalation');
    expect(e?.occurredAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('signs in base64 with the topic header; the event can come from x-chat-data-topic alone', () => {
    const body = samples()['chat']?.body ?? {};
    const { raw, headers } = signed(spec, body);
    expect(String(headers['x-chat-data-hmac-sha256'])).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(headers['x-chat-data-topic']).toBe('chat');
    expect(make([SECRET]).verify(raw, headers, NOW)).toEqual({ ok: true });
    const { event: _e, ...bare } = body as Record<string, unknown>;
    expect(make([SECRET]).envelope(bare, { 'x-chat-data-topic': 'chat' }).eventType).toBe('chat');
    expect(
      make([SECRET])
        .parse(bare, { 'x-chat-data-topic': 'chat' })
        .map((e) => e.kind),
    ).toEqual(['message', 'message']);
  });

  it('accepts the URL-safe base64 alphabet and a missing padding', () => {
    const { raw, headers } = signed(spec, { event: 'chat' });
    const urlSafe = String(headers['x-chat-data-hmac-sha256']).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(make([SECRET]).verify(raw, { 'x-chat-data-hmac-sha256': urlSafe }, NOW)).toEqual({ ok: true });
  });
});
