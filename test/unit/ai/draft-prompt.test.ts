// What a drafted reply is made from and how the modal shows it: pure pieces, no network.
import { describe, expect, it } from 'vitest';
import { draftPrompt } from '../../../src/ai/drafts.js';
import { orderFacts } from '../../../src/ai/conversation.js';
import { buildReplyModal, readReplyMetadata, replyInputBlockId } from '../../../src/slack/blocks/reply-modal.js';
import { ActionId, BlockId } from '../../../src/slack/ids.js';
import { expectValidModalView } from '../../helpers/blockkit.js';
import { escalation } from '../slack/escalation-factory.js';

const snapshot = {
  status: 'found',
  customer: { id: 'c', name: 'Maria Keller', email: 'maria@example.com', ordersCount: 1, totalSpent: { amount: '1', currencyCode: 'EUR' }, tags: [], adminUrl: 'x' },
  orders: [
    {
      id: 'o',
      name: '#1042',
      createdAt: '2026-11-18T09:30:00Z',
      total: { amount: '59.00', currencyCode: 'EUR' },
      financialStatus: 'REFUNDED',
      fulfillmentStatus: 'UNFULFILLED',
      adminUrl: 'https://admin.shopify.com/store/s/orders/1',
      shipments: [],
      refunded: { amount: '59.00', currencyCode: 'EUR' },
      shippingAddress: { city: 'Berlin', address1: 'Hauptstraße 5' },
    },
  ],
};

describe('order facts', () => {
  it('gives number, date, amounts, statuses and refunds; never the customer, an address or a link', () => {
    const facts = orderFacts(snapshot);
    expect(facts).toEqual(['Order #1042, placed 2026-11-18, total 59.00 EUR, payment REFUNDED, fulfillment UNFULFILLED, refunded 59.00 EUR']);
    expect(JSON.stringify(facts)).not.toMatch(/maria|Berlin|Hauptstraße|admin\.shopify/i);
    expect(orderFacts({ status: 'pending', reason: 'x' })).toEqual([]);
    expect(orderFacts(null)).toEqual([]);
  });
});

describe('draft prompt', () => {
  it('is masked, with the conversation oldest first and the facts', () => {
    const esc = escalation({ customerName: 'Maria Keller', customerEmail: 'maria@example.com', shopify: snapshot, reason: 'wants a human' });
    const prompt = draftPrompt(esc, [
      { author: 'customer', text: 'Maria here, mail maria@example.com' },
      { author: 'note', text: 'internal only' },
      { author: 'agent', text: 'Checking #1042' },
    ]);
    expect(prompt).toContain('Customer: [CUSTOMER_NAME] here, mail [personal data]');
    expect(prompt).toContain('Agent: Checking #1042');
    expect(prompt).not.toContain('internal only');
    expect(prompt).toContain('- Order #1042');
    expect(prompt).not.toMatch(/maria/i);
  });
});

describe('Reply modal with AI', () => {
  const base = { escalationId: '7d1f7a52-0c43-4b8e-9a40-6f8e8a0c2b11', platformName: 'Oscar Chat', lines: [] };

  it('drafting: a note, an empty box, no Draft again yet', () => {
    const modal = buildReplyModal({ ...base, ai: { state: 'drafting' } });
    expectValidModalView(modal);
    const json = JSON.stringify(modal.blocks);
    expect(json).toContain('Drafting a reply');
    expect(json).not.toContain(ActionId.replyRedraft);
    expect(json).not.toContain('initial_value');
  });

  it('ready: the box holds the draft under its own block_id, Draft again, close notified, draft id in metadata', () => {
    const modal = buildReplyModal({ ...base, ai: { state: 'ready', draft: { id: 'abcdef12-3456', text: 'Hi Maria' } } });
    expectValidModalView(modal);
    const input = modal.blocks.find((b) => b.type === 'input') as { block_id: string; element: { initial_value?: string } };
    expect(input.block_id).toBe(`${BlockId.replyInput}.abcdef12`);
    expect(input.element.initial_value).toBe('Hi Maria');
    expect(JSON.stringify(modal.blocks)).toContain(ActionId.replyRedraft);
    expect(modal.notify_on_close).toBe(true);
    expect(readReplyMetadata(modal.private_metadata)?.draftId).toBe('abcdef12-3456');
    expect(replyInputBlockId({ [input.block_id]: {} })).toBe(input.block_id);
    expect(replyInputBlockId({ other: {} })).toBeUndefined();
  });

  it('none: says so, offers Draft again, the box is empty', () => {
    const modal = buildReplyModal({ ...base, ai: { state: 'none' } });
    expectValidModalView(modal);
    expect(JSON.stringify(modal.blocks)).toContain('No draft this time');
    expect(JSON.stringify(modal.blocks)).toContain(ActionId.replyRedraft);
  });
});
