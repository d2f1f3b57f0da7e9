import { describe, expect, it } from 'vitest';
import { appUrlFor, createShopGuideAdapter, SHOPGUIDE_CAPABILITIES } from '../../../src/platforms/shopguide/adapter.js';
import { samples, sign } from '../../../src/platforms/shopguide/samples.js';
import { adapterContract, type ContractSpec, NOW, parseSample, SECRET, signed } from './contract.js';

const make = (secrets: string[]) => createShopGuideAdapter({ secrets, apiUrl: 'https://api.shopguide.com/v1' });

const spec: ContractSpec = {
  id: 'shopguide',
  displayName: 'ShopGuide',
  capabilities: { assign: false, label: true, resolve: true, reopen: true, note: true, send: false },
  make,
  samples,
  sign,
  fixturesDir: new URL('../../../src/platforms/shopguide/fixtures/', import.meta.url),
  signature: { header: 'X-ShopGuide-Signature', encoding: 'hex' },
  kinds: {
    'conversation.escalated': ['escalated'],
    'customer.high_value_interaction': ['escalated'],
    'customer.satisfaction_feedback': ['rated'],
    'conversation.completed': ['resolved'],
    'conversation.started': ['conversation_started'],
    'system.performance_alert': [],
  },
  deliveryId: () => undefined,
  unknownEvent: {
    event: 'conversation.cart_abandonment',
    timestamp: '2026-04-29T10:00:00Z',
    data: { conversation_id: 'conv_1' },
  },
  conversationUrl: { id: 'conv_123456', expected: 'https://app.shopguide.com/conversations/conv_123456' },
};

adapterContract(spec);

describe('ShopGuide specifics', () => {
  it('conversation.escalated takes its priority and reason from the payload; the customer is an id only', () => {
    const [e] = parseSample(spec, 'conversation.escalated');
    expect(e).toEqual({
      kind: 'escalated',
      conversationId: 'conv_123456',
      occurredAt: new Date('2026-04-29T10:40:00Z'),
      customer: { platformId: 'cust_789012' },
      reason: 'complex_technical_issue',
      priority: 'high',
    });
  });

  it('maps priority words onto the four levels and leaves unknown ones to the rules', () => {
    const priorityOf = (priority: unknown) => {
      const body = { event: 'conversation.escalated', data: { conversation_id: 'c', priority } };
      const [e] = make([SECRET]).parse(body, {});
      return e?.kind === 'escalated' ? e.priority : 'not escalated';
    };
    expect(priorityOf('low')).toBe('low');
    expect(priorityOf('medium')).toBe('normal');
    expect(priorityOf('HIGH')).toBe('high');
    expect(priorityOf('critical')).toBe('urgent');
    expect(priorityOf('whenever')).toBeUndefined();
    expect(priorityOf(3)).toBeUndefined();
  });

  it('customer.high_value_interaction escalates as VIP with the cart in the reason', () => {
    const [e] = parseSample(spec, 'customer.high_value_interaction');
    expect(e).toMatchObject({
      kind: 'escalated',
      vip: true,
      priority: 'high',
      customer: { platformId: 'cust_789012', attributes: { cart_value: 1299.99, purchase_intent: 'high' } },
      reason: 'High-value interaction: cart 1299.99, purchase intent high (priority_follow_up)',
    });
  });

  it('customer.satisfaction_feedback is a rating out of 5 with the feedback text', () => {
    expect(parseSample(spec, 'customer.satisfaction_feedback')[0]).toMatchObject({
      kind: 'rated',
      rating: 2,
      scale: 5,
      comment: 'The assistant kept suggesting the wrong size and nobody followed up.',
      customer: { platformId: 'cust_789012' },
    });
  });

  it('conversation.completed resolves; it has no customer id and needs none', () => {
    expect(parseSample(spec, 'conversation.completed')[0]).toEqual({
      kind: 'resolved',
      conversationId: 'conv_123456',
      occurredAt: new Date('2026-04-29T10:45:00Z'),
    });
  });

  it('uses an email when a delivery does include one', () => {
    const body = {
      event: 'conversation.escalated',
      data: { conversation_id: 'c', customer_id: 'x', customer: { email: 'lee@example.com', name: 'Lee' } },
    };
    expect(make([SECRET]).parse(body, {})[0]).toMatchObject({
      customer: { email: 'lee@example.com', name: 'Lee', platformId: 'x' },
    });
  });

  it('the signature is a bare hex digest (a sha256= label is tolerated)', () => {
    const { raw, headers } = signed(spec, { event: 'conversation.escalated' });
    expect(String(headers['x-shopguide-signature'])).toMatch(/^[0-9a-f]{64}$/);
    const labelled = { 'x-shopguide-signature': `sha256=${headers['x-shopguide-signature']}` };
    expect(make([SECRET]).verify(raw, labelled, NOW)).toEqual({ ok: true });
  });

  it('links to app.<domain> only for the hosted API', () => {
    expect(appUrlFor('https://api.shopguide.com/v1')).toBe('https://app.shopguide.com');
    expect(appUrlFor('http://127.0.0.1:4010/v1')).toBeUndefined();
    expect(
      createShopGuideAdapter({ secrets: [SECRET], apiUrl: 'http://127.0.0.1:4010/v1' }).conversationUrl('c'),
    ).toBeUndefined();
  });

  it('exports its capability table', () => {
    expect(SHOPGUIDE_CAPABILITIES).toEqual(spec.capabilities);
  });
});
