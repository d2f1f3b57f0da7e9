import { describe, expect, it } from 'vitest';
import { createOscarAdapter, OSCAR_CAPABILITIES } from '../../../src/platforms/oscarchat/adapter.js';
import { samples, sign } from '../../../src/platforms/oscarchat/samples.js';
import { adapterContract, type ContractSpec, NOW, parseSample, SECRET, signed } from './contract.js';

const APP_URL = 'https://app.oscarchat.ai';
const make = (secrets: string[]) => createOscarAdapter({ secrets, appUrl: APP_URL });

const spec: ContractSpec = {
  id: 'oscarchat',
  displayName: 'Oscar Chat',
  capabilities: { assign: true, label: true, resolve: true, reopen: true, note: true, send: true },
  make,
  samples,
  sign,
  fixturesDir: new URL('../../../src/platforms/oscarchat/fixtures/', import.meta.url),
  signature: { header: 'x-oscar-signature', encoding: 'hex', label: 'sha256=' },
  kinds: {
    'bot.escalated': ['escalated'],
    'message.created': ['message'],
    'conversation.created': ['conversation_started'],
    'conversation.assigned': ['assigned'],
    'conversation.resolved': ['resolved'],
  },
  deliveryId: (_name, body) => (body as { id?: string }).id,
  unknownEvent: {
    id: 'evt_x',
    type: 'conversation.snoozed',
    created_at: '2026-04-29T10:00:00Z',
    data: { conversation_id: 'conv_1' },
  },
  conversationUrl: { id: 'conv_01J9Z3H1P6F8', expected: `${APP_URL}/conversations/conv_01J9Z3H1P6F8` },
};

adapterContract(spec);

describe('Oscar Chat specifics', () => {
  it('bot.escalated carries the contact, custom attributes, last message and reason', () => {
    const [e] = parseSample(spec, 'bot.escalated');
    expect(e).toMatchObject({
      kind: 'escalated',
      conversationId: 'conv_01J9Z3H1P6F8',
      occurredAt: new Date('2026-04-29T10:15:00Z'),
      customer: {
        name: 'Maria Keller',
        email: 'maria.keller@example.com',
        platformId: 'ct_01J9Z2W4C7N5',
        attributes: { plan: 'pro', total_spent: '1240.50' },
      },
      lastMessage: 'I was charged twice for order #1042 and I want a refund',
      reason: 'customer_requested_human',
    });
  });

  it('message.created: incoming is the customer, outgoing an agent, activity/private a system note', () => {
    const base = samples()['message.created']?.body as { data: { message: Record<string, unknown> } };
    const authorFor = (message: Record<string, unknown>) => {
      const body = structuredClone(base);
      body.data.message = { ...message, content: 'hello' };
      const [e] = make([SECRET]).parse(body, {});
      return e?.kind === 'message' ? e.author : undefined;
    };
    expect(authorFor({ message_type: 'incoming' })).toBe('customer');
    expect(authorFor({ message_type: 'outgoing' })).toBe('agent');
    expect(authorFor({ message_type: 'outgoing', sender_type: 'bot' })).toBe('bot');
    expect(authorFor({ message_type: 'activity' })).toBe('system');
    expect(authorFor({ message_type: 'outgoing', private: true })).toBe('system');
    const [e] = parseSample(spec, 'message.created');
    expect(e).toMatchObject({ kind: 'message', author: 'customer', text: 'Where is my parcel? It was due last Friday.' });
  });

  it('conversation.created gives the opening text and the enterprise plan for the VIP rule', () => {
    const [e] = parseSample(spec, 'conversation.created');
    expect(e).toMatchObject({
      kind: 'conversation_started',
      text: 'Hi, I need help with my order #1042',
      customer: { attributes: { plan: 'enterprise' } },
    });
  });

  it('conversation.assigned and conversation.resolved name the agent; resolved uses resolved_at', () => {
    expect(parseSample(spec, 'conversation.assigned')[0]).toMatchObject({
      kind: 'assigned',
      assignee: { id: 'ag_01H8Y0R3T6', name: 'Jonas Brandt', email: 'jonas@keller-home.example' },
    });
    expect(parseSample(spec, 'conversation.resolved')[0]).toMatchObject({
      kind: 'resolved',
      occurredAt: new Date('2026-04-29T10:41:07Z'),
      resolvedBy: { id: 'ag_01H8Y0R3T6' },
    });
  });

  it('tolerates a bare minimum payload (no id, no time, no contact)', () => {
    const adapter = make([SECRET]);
    const body = { type: 'bot.escalated', data: { conversation_id: 42 } };
    const [e] = adapter.parse(body, {});
    expect(e).toMatchObject({ kind: 'escalated', conversationId: '42', customer: {} });
    expect(adapter.envelope(body, {})).toEqual({ eventType: 'bot.escalated', deliveryId: undefined });
  });

  it('tolerates wrong types in optional fields and finds an email kept as a custom attribute', () => {
    const body = {
      type: 'bot.escalated',
      created_at: 'not a date',
      data: {
        conversation_id: 'c1',
        contact: { id: 7, name: null, email: 12, custom_attributes: { email: 'pat@example.com', plan: 'enterprise' } },
        last_message: { content: 'help' },
        reason: ['x'],
      },
    };
    const [e] = make([SECRET]).parse(body, {});
    expect(e).toMatchObject({
      kind: 'escalated',
      lastMessage: 'help',
      customer: { platformId: '7', email: 'pat@example.com', attributes: { plan: 'enterprise' } },
    });
    expect(e && 'reason' in e).toBe(false);
    expect(e?.occurredAt.getTime()).not.toBeNaN();
  });

  it('drops a known event that names no conversation (cannot be tied to a card)', () => {
    expect(make([SECRET]).parse({ type: 'bot.escalated', data: { contact: { email: 'a@b.c' } } }, {})).toEqual([]);
  });

  it('accepts the signature without its sha256= label but refuses another algorithm', () => {
    const adapter = make([SECRET]);
    const { raw, headers } = signed(spec, { type: 'x' });
    const hex = String(headers['x-oscar-signature']).slice('sha256='.length);
    expect(adapter.verify(raw, { 'x-oscar-signature': hex }, NOW)).toEqual({ ok: true });
    const sha1 = adapter.verify(raw, { 'x-oscar-signature': `sha1=${hex}` }, NOW);
    expect(sha1).toMatchObject({ ok: false, reason: expect.stringMatching(/sha1/) });
  });

  it('never puts the expected signature in a reason', () => {
    const adapter = make([SECRET]);
    const { raw, headers } = signed(spec, { type: 'x' });
    const expected = String(headers['x-oscar-signature']).slice('sha256='.length);
    const result = adapter.verify(raw, { 'x-oscar-signature': `sha256=${'0'.repeat(64)}` }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(expected);
  });

  it('exports its capability table', () => {
    expect(OSCAR_CAPABILITIES).toEqual(spec.capabilities);
  });
});
