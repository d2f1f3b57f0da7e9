import { describe, expect, it } from 'vitest';
import { createGenericAdapter, genericDeliveryId } from '../../../src/platforms/generic/adapter.js';
import { samples, sign } from '../../../src/platforms/generic/samples.js';
import { adapterContract, type ContractSpec, parseSample, SECRET } from './contract.js';

const make = (secrets: string[]) => createGenericAdapter({ secrets });

const spec: ContractSpec = {
  id: 'generic',
  displayName: 'Generic webhook',
  capabilities: { assign: false, label: false, resolve: false, reopen: false, note: false, send: false },
  make,
  samples,
  sign,
  fixturesDir: new URL('../../../src/platforms/generic/fixtures/', import.meta.url),
  signature: { header: 'x-webhook-signature', encoding: 'hex' },
  kinds: {
    'conversation.escalated': ['escalated'],
    'conversation.ended': [],
  },
  deliveryId: (name, body) => {
    const b = body as { timestamp: string; data: { conversationId: string } };
    return `${name}:${b.data.conversationId}:${b.timestamp}`;
  },
  unknownEvent: { event: 'ticket.created', timestamp: '2026-04-29T10:00:00Z', data: { conversationId: 'c1' } },
  conversationUrl: { id: 'conv_abc123', expected: undefined },
};

adapterContract(spec);

const escalate = (data: Record<string, unknown>) =>
  make([SECRET]).parse({ event: 'conversation.escalated', timestamp: '2026-04-29T14:22:00Z', data }, {})[0];

describe('generic webhook specifics', () => {
  it('conversation.escalated: customer, transcript, reason and intent', () => {
    expect(parseSample(spec, 'conversation.escalated')[0]).toEqual({
      kind: 'escalated',
      conversationId: 'conv_abc123',
      occurredAt: new Date('2026-04-29T14:22:00Z'),
      customer: { name: 'Sam Rivera', email: 'sam.rivera@example.com', platformId: 'cust_456' },
      lastMessage: 'I want to speak to someone',
      reason: 'customer_requested',
      labels: ['shipping_complaint'],
      transcript: [
        { author: 'customer', text: "My order hasn't arrived and it's been 2 weeks" },
        { author: 'bot', text: 'I apologize for the delay. Let me look into this...' },
        { author: 'customer', text: 'I want to speak to someone' },
      ],
    });
  });

  it('a bot that was unsure of itself (confidence < 0.3) makes it high priority and says so in a label', () => {
    const e = escalate({
      conversationId: 'c',
      metadata: { agentConfidence: 0.25, escalationReason: 'low_confidence', detectedIntent: 'general_inquiry' },
    });
    expect(e).toMatchObject({ priority: 'high', reason: 'low_confidence', labels: ['general_inquiry', 'low-confidence'] });
    const sure = escalate({ conversationId: 'c', metadata: { agentConfidence: 0.9, escalationReason: 'customer_requested' } });
    expect(sure && 'priority' in sure).toBe(false);
  });

  it('a frustrated customer is high priority; a stated priority wins', () => {
    expect(escalate({ conversationId: 'c', metadata: { escalationReason: 'customer_frustrated' } })).toMatchObject({
      priority: 'high',
    });
    expect(escalate({ conversationId: 'c', priority: 'urgent', metadata: { agentConfidence: 0.1 } })).toMatchObject({
      priority: 'urgent',
    });
  });

  it('accepts snake_case senders and a nested customer object', () => {
    const e = escalate({ conversation_id: 'c7', customer: { id: 'u', email: 'x@example.com', name: 'X' } });
    expect(e).toMatchObject({ conversationId: 'c7', customer: { platformId: 'u', email: 'x@example.com', name: 'X' } });
  });

  it('tolerates a payload with nothing but the conversation id', () => {
    expect(escalate({ conversationId: 'c' })).toMatchObject({ kind: 'escalated', conversationId: 'c', customer: {} });
  });

  it('delivery id: an explicit id wins; else event:conversation:timestamp; else none (body hash)', () => {
    expect(genericDeliveryId({ id: 'evt_1', event: 'conversation.escalated' })).toBe('evt_1');
    expect(genericDeliveryId({ event: 'conversation.escalated', timestamp: 't', data: { conversationId: 'c' } })).toBe(
      'conversation.escalated:c:t',
    );
    expect(genericDeliveryId({ event: 'conversation.escalated', data: { conversationId: 'c' } })).toBeUndefined();
  });
});
