import { describe, expect, it } from 'vitest';
import { createOnWebChatAdapter } from '../../../src/platforms/onwebchat/adapter.js';
import { samples, sign } from '../../../src/platforms/onwebchat/samples.js';
import { adapterContract, type ContractSpec, NOW, parseSample, SECRET, signed } from './contract.js';

const DASHBOARD = 'https://www.onwebchat.com/dashboard';
const make = (secrets: string[]) => createOnWebChatAdapter({ secrets, dashboardUrl: DASHBOARD });

const spec: ContractSpec = {
  id: 'onwebchat',
  displayName: 'onWebChat',
  capabilities: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
  make,
  samples,
  sign,
  fixturesDir: new URL('../../../src/platforms/onwebchat/fixtures/', import.meta.url),
  signature: { header: 'X-OWC-Signature', encoding: 'hex', label: 'sha256=' },
  timestampHeader: 'X-OWC-Timestamp',
  kinds: {
    'offline_message.created': ['escalated'],
    'chat.created': ['conversation_started'],
    'message.created': ['message'],
    'chat.assigned': ['assigned'],
    'chat.closed': ['resolved'],
    'chat.rated': ['rated'],
    'visitor.updated': ['contact'],
    'visitor.banned': [],
    'visitor.unbanned': [],
  },
  // Deduped on the signed body's hash, never on the unsigned X-OWC-Delivery header.
  deliveryId: () => undefined,
  unknownEvent: { event: 'chat.transferred', siteid: 48213, created_at: '2026-04-29T10:00:00Z', chat: { id: 1 } },
  conversationUrl: { id: '5530871', expected: DASHBOARD },
};

adapterContract(spec);

describe('onWebChat specifics', () => {
  it('sign() sends the documented X-OWC-Event and X-OWC-Delivery headers', () => {
    const { headers } = signed(spec, samples()['chat.closed']?.body ?? {});
    expect(headers['x-owc-event']).toBe('chat.closed');
    expect(headers['x-owc-delivery']).toMatch(/^\d+$/);
    expect(headers['x-owc-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('never takes the dedupe key from the unsigned X-OWC-Delivery header', () => {
    const adapter = make([SECRET]);
    expect(adapter.envelope({ event: 'chat.rated' }, { 'X-OWC-Delivery': '9381' } as never).deliveryId).toBeUndefined();
    expect(adapter.envelope({ event: 'chat.rated' }, {}).deliveryId).toBeUndefined();
  });

  it('takes the event from the signed body over the unsigned X-OWC-Event header', () => {
    const adapter = make([SECRET]);
    const body = samples()['chat.rated']?.body ?? {};
    const headers = { 'x-owc-event': 'chat.closed' };
    expect(adapter.envelope(body, headers).eventType).toBe('chat.rated');
    expect(adapter.parse(body, headers).map((e) => e.kind)).toEqual(['rated']);
    // Without an event in the body, the header names it.
    const { event: _e, ...bare } = body as Record<string, unknown>;
    expect(adapter.envelope(bare, headers).eventType).toBe('chat.closed');
  });

  it('verifies without any timestamp header (onWebChat documents none)', () => {
    const { raw, headers } = signed(spec, samples()['chat.rated']?.body ?? {});
    expect(Object.keys(headers).some((h) => /timestamp/i.test(h))).toBe(false);
    // Hours later (a retry) is still fine: the body's created_at is not a replay window.
    expect(make([SECRET]).verify(raw, headers, new Date(NOW.getTime() + 3 * 3600_000))).toEqual({ ok: true });
  });

  it('offline_message.created escalates with the visitor, message and department', () => {
    const [e] = parseSample(spec, 'offline_message.created');
    expect(e).toMatchObject({
      kind: 'escalated',
      conversationId: 'offline-77120',
      occurredAt: new Date('2026-04-29T02:47:18Z'),
      customer: {
        name: 'Daniel Okafor',
        email: 'daniel.okafor@example.com',
        phone: '+44 7700 900123',
        platformId: 'v_9f31c2d0',
        attributes: { department: 'Orders' },
      },
      lastMessage: 'My order #1057 arrived damaged. I need a replacement or a refund before the weekend.',
      reason: 'Offline message (Orders)',
    });
  });

  it('offline_message.created falls back to the visitor for contact details', () => {
    const body = {
      event: 'offline_message.created',
      offline_message: { id: 5, message: 'hi' },
      visitor: { id: 'v1', email: 'v@example.com', name: 'Vee' },
    };
    expect(make([SECRET]).parse(body, {})[0]).toMatchObject({ customer: { email: 'v@example.com', name: 'Vee' } });
  });

  it('message.created maps authors: visitor->customer, ai->bot, agent->agent, trigger->system', () => {
    const authorFor = (author: string) => {
      const body = { event: 'message.created', chat: { id: 1 }, message: { id: 2, author, text: 'x' } };
      const [e] = make([SECRET]).parse(body, {});
      return e?.kind === 'message' ? e.author : undefined;
    };
    expect(authorFor('visitor')).toBe('customer');
    expect(authorFor('ai')).toBe('bot');
    expect(authorFor('agent')).toBe('agent');
    expect(authorFor('trigger')).toBe('system');
    expect(parseSample(spec, 'message.created')[0]).toMatchObject({
      conversationId: '5530871',
      author: 'customer',
      customer: { email: 'ingrid.solberg@example.com' },
    });
  });

  it('chat.closed carries the transcript (authors mapped) and labels', () => {
    const [e] = parseSample(spec, 'chat.closed');
    expect(e?.kind).toBe('resolved');
    if (e?.kind !== 'resolved') return;
    expect(e.labels).toEqual(['billing', 'refund']);
    expect(e.transcript?.map((l) => l.author)).toEqual(['system', 'customer', 'bot', 'customer', 'agent']);
    expect(e.transcript?.[1]).toEqual({ author: 'customer', text: 'Hello, do you ship to Norway?', at: '2026-04-29T09:02:11Z' });
    expect(e.resolvedBy).toEqual({ id: '3107', name: 'Priya Raman', email: 'priya@shop.example.com' });
  });

  it('chat.rated is a 1-5 rating with the comment', () => {
    expect(parseSample(spec, 'chat.rated')[0]).toMatchObject({
      kind: 'rated',
      rating: 1,
      scale: 5,
      comment: 'Took far too long to get a human and the refund is still not showing.',
    });
  });

  it('chat.assigned takes the agent at the top level or inside chat', () => {
    expect(parseSample(spec, 'chat.assigned')[0]).toMatchObject({
      kind: 'assigned',
      assignee: { id: '3107', name: 'Priya Raman' },
    });
    const nested = { event: 'chat.assigned', chat: { id: 9, agent: { id: 1, name: 'A' } } };
    expect(make([SECRET]).parse(nested, {})[0]).toMatchObject({ assignee: { id: '1', name: 'A' } });
  });

  it('ignores a chat event without a chat id, and a rating without a rating', () => {
    const adapter = make([SECRET]);
    expect(adapter.parse({ event: 'chat.closed', chat: {} }, {})).toEqual([]);
    expect(adapter.parse({ event: 'chat.rated', chat: { id: 3 } }, {})).toEqual([]);
  });

  it('the timestamp header, when sent, also accepts ISO 8601', () => {
    const { raw, headers } = signed(spec, { event: 'chat.rated' });
    const adapter = make([SECRET]);
    expect(adapter.verify(raw, { ...headers, 'x-owc-timestamp': NOW.toISOString() }, NOW)).toEqual({ ok: true });
  });
});
