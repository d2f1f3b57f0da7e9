// The /order answers against the Block Kit schema, at their limits and with hostile data.
import { describe, expect, it } from 'vitest';
import { orderAnswerMessage, unavailableMessage, usageMessage } from '../../../src/commands/blocks/order.js';
import { CommandActionId } from '../../../src/commands/ids.js';
import { ORDER_USAGE } from '../../../src/commands/parse.js';
import type { ShopifyOrderDetail } from '../../../src/shopify/models.js';
import type { ShopifyCustomerSummary, ShopifyOrderSummary } from '../../../src/shopify/types.js';
import { ActionId } from '../../../src/slack/ids.js';
import { expectValidBlocks } from '../../helpers/blockkit.js';

const ADMIN = 'https://admin.shopify.com/store/fake-store';
const usd = (amount: string) => ({ amount, currencyCode: 'USD' });

function customer(overrides: Partial<ShopifyCustomerSummary> = {}): ShopifyCustomerSummary {
  return {
    id: 'gid://shopify/Customer/7',
    name: 'Maria Keller',
    email: 'maria@example.com',
    ordersCount: 12,
    totalSpent: usd('1240.50'),
    tags: ['vip'],
    adminUrl: `${ADMIN}/customers/7`,
    ...overrides,
  };
}

function summary(n: number, overrides: Partial<ShopifyOrderSummary> = {}): ShopifyOrderSummary {
  return {
    id: `gid://shopify/Order/${n}`,
    name: `#${1000 + n}`,
    createdAt: '2026-03-01T10:00:00Z',
    total: usd('99.00'),
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    adminUrl: `${ADMIN}/orders/${n}`,
    ...overrides,
  };
}

function order(overrides: Partial<ShopifyOrderDetail> = {}): ShopifyOrderDetail {
  return {
    ...summary(1),
    subtotal: usd('80.00'),
    shipping: usd('10.00'),
    tax: usd('9.00'),
    cancelledAt: null,
    closedAt: null,
    lineItems: [{ title: 'Mug', quantity: 2 }],
    lineItemsTruncated: false,
    shippingAddress: { city: 'Lyon', country: 'France' },
    fulfillments: [],
    customer: customer(),
    ...overrides,
  };
}

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('order answer', () => {
  it('shows the order, its items, money, place, tracking and customer', () => {
    const m = orderAnswerMessage({
      kind: 'order',
      order: order({
        fulfillments: [
          {
            status: 'SUCCESS',
            createdAt: '2026-03-02T10:00:00Z',
            tracking: [{ number: '1Z9', url: 'https://ups.example/1Z9', company: 'UPS' }],
          },
          { status: 'SUCCESS', createdAt: '2026-03-03T10:00:00Z', tracking: [] },
        ],
      }),
    });
    expectValidBlocks(m.blocks);
    const t = text(m.blocks);
    for (const s of [
      '#1001',
      '2026-03-01',
      'Open',
      'Paid',
      'Unfulfilled',
      '2 × Mug',
      '$99.00',
      'Subtotal $80.00',
      'Shipping $10.00',
      'Tax $9.00',
      'Lyon, France',
    ]) {
      expect(t).toContain(s);
    }
    expect(t).toContain('<https://ups.example/1Z9|1Z9> · UPS · Success');
    expect(t).toContain('no tracking number');
    expect(t).toContain('12 orders · lifetime $1,240.50');
    expect(m.text).toBe('Order #1001: Paid, Unfulfilled, $99.00');
  });

  it('says cancelled, closed, unshipped and guest plainly', () => {
    const cancelled = text(
      orderAnswerMessage({
        kind: 'order',
        order: order({ cancelledAt: '2026-03-05T00:00:00Z', customer: null, shippingAddress: null }),
      }).blocks,
    );
    expect(cancelled).toContain('Cancelled 2026-03-05');
    expect(cancelled).toContain('guest checkout');
    expect(cancelled).toContain('not shipped yet');
    expect(cancelled).toContain('no shipping address');
    expect(text(orderAnswerMessage({ kind: 'order', order: order({ closedAt: '2026-03-09T00:00:00Z' }) }).blocks)).toContain(
      'Closed 2026-03-09',
    );
  });

  it('escapes whatever Shopify holds and keeps a 50-item order within limits', () => {
    const lineItems = Array.from({ length: 50 }, (_, i) => ({
      title: `<!channel> item ${i} ${'x'.repeat(120)}`,
      quantity: i + 1,
    }));
    const m = orderAnswerMessage({
      kind: 'order',
      order: order({ lineItems, lineItemsTruncated: true, customer: customer({ name: '<@U123> & co', tags: ['<b>'] }) }),
    });
    expectValidBlocks(m.blocks);
    const t = text(m.blocks);
    expect(t).not.toContain('<!channel>');
    expect(t).not.toContain('<@U123>');
    expect(t).toContain('&lt;@U123&gt; &amp; co');
    expect(t).toMatch(/…and \d+ more/);
  });

  it('has a Share button with a reference, and none once shared', () => {
    const answer = { kind: 'order', order: order() } as const;
    const share = orderAnswerMessage(answer).blocks.at(-1);
    expect(share).toMatchObject({ type: 'actions', elements: [{ action_id: ActionId.orderShare, value: 'order:#1001' }] });
    const shared = orderAnswerMessage(answer, { sharedBy: 'U0SHARER' });
    expect(text(shared.blocks)).not.toContain(ActionId.orderShare);
    expect(text(shared.blocks)).toContain('Shared by <@U0SHARER>');
    expectValidBlocks(shared.blocks);
  });
});

describe('customer answer', () => {
  it('lists the latest orders and says how many more there are', () => {
    const m = orderAnswerMessage({
      kind: 'customer',
      customer: customer(),
      orders: [summary(3), summary(2), summary(1, { financialStatus: 'REFUNDED' })],
    });
    expectValidBlocks(m.blocks);
    const t = text(m.blocks);
    expect(t.indexOf('#1003')).toBeLessThan(t.indexOf('#1001'));
    expect(t).toContain('Refunded');
    expect(t).toContain('Showing the 3 most recent of 12 orders');
    expect(t).toContain('Tags: vip');
    expect(m.blocks.at(-1)).toMatchObject({ elements: [{ action_id: ActionId.orderShare, value: 'customer:7' }] });
  });

  it('copes with a customer without orders', () => {
    const m = orderAnswerMessage({ kind: 'customer', customer: customer({ ordersCount: 0, tags: [] }), orders: [] });
    expectValidBlocks(m.blocks);
    expect(text(m.blocks)).toContain('No orders yet');
    expect(text(m.blocks)).not.toContain('most recent');
  });
});

describe('pick list', () => {
  it('offers one button per customer, with unique block ids', () => {
    const customers = Array.from({ length: 10 }, (_, i) =>
      customer({ id: `gid://shopify/Customer/${i + 1}`, name: `Smith ${i}` }),
    );
    const m = orderAnswerMessage({ kind: 'choose', query: 'Smith', customers, more: true });
    expectValidBlocks(m.blocks);
    const t = text(m.blocks);
    expect(t).toContain('More than 10 customers match “Smith”');
    expect(t.match(new RegExp(CommandActionId.orderPickCustomer, 'g'))).toHaveLength(10);
    expect(t).toContain('"value":"customer:10"');
    expect(t).not.toContain(ActionId.orderShare);
  });
});

describe('other answers', () => {
  it('not found, per kind of query', () => {
    const m = orderAnswerMessage({ kind: 'not_found', query: '<!here>', what: 'name' });
    expectValidBlocks(m.blocks);
    expect(text(m.blocks)).toContain('No Shopify customer matches “*&lt;!here&gt;*”');
    expect(m.text).not.toContain('<!here>');
    expect(text(orderAnswerMessage({ kind: 'not_found', query: '#9', what: 'order' }).blocks)).toContain(
      'No order *#9* in Shopify',
    );
  });

  it('Shopify unavailable or refusing', () => {
    const down = unavailableMessage('#1001', 'down');
    expectValidBlocks(down.blocks);
    expect(down.text).toContain("Shopify isn't answering right now");
    expect(unavailableMessage('#1001', 'refused').text).toContain('refused');
  });

  it('usage, with the problem first', () => {
    const m = usageMessage(ORDER_USAGE, 'Nope.');
    expectValidBlocks(m.blocks);
    expect(text(m.blocks)).toMatch(/Nope\.\\n\*Usage:\*/);
  });
});
