// A complete Escalation row with sensible defaults, so each card test states only what it varies.
import type { Escalation } from '../../../src/db/client.js';
import type { PlatformCapabilities } from '../../../src/platforms/types.js';
import type { ShopifyOrderSummary, ShopifySnapshot } from '../../../src/shopify/types.js';

export const T0 = new Date('2026-03-02T10:00:00.000Z');

/**
 * Built loosely (satisfies Partial) and cast, so a column added to the schema later doesn't break
 * every card test; the card never reads columns it doesn't know.
 */
export function escalation(overrides: Partial<Escalation> = {}): Escalation {
  const defaults = {
    id: '3f1c9a2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    platform: 'oscarchat',
    conversationId: 'conv_123',
    conversationUrl: 'https://app.oscarchat.ai/conversations/conv_123',
    status: 'open',
    priority: 'normal',
    vip: false,
    reason: 'Bot could not answer a question about a late delivery',
    labels: [],
    customerName: 'Jane Doe',
    customerEmail: 'jane@example.com',
    customerEmailUnverified: false,
    customerPhone: null,
    platformCustomerId: 'c_1',
    lastMessage: 'Where is my order? It was due last week.',
    transcript: null,
    shopify: null,
    triage: null,
    escalationCount: 1,
    firstEscalatedAt: T0,
    lastEscalatedAt: T0,
    slackChannel: 'C0123456789',
    slackTs: '1700000000.000100',
    claimedBySlackId: null,
    claimedAt: null,
    assigneeSlackId: null,
    assigneeName: null,
    platformAgentId: null,
    platformSyncState: null,
    platformSyncError: null,
    resolvedAt: null,
    resolvedBy: null,
    createdAt: T0,
    updatedAt: T0,
  } satisfies Partial<Escalation>;
  return { ...defaults, ...overrides } as Escalation;
}

export function order(n: number, overrides: Partial<ShopifyOrderSummary> = {}): ShopifyOrderSummary {
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    id: `gid://shopify/Order/${1000 + n}`,
    name: `#${1000 + n}`,
    createdAt: `2026-02-${day}T12:00:00Z`,
    total: { amount: (19.99 * n).toFixed(2), currencyCode: 'USD' },
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    adminUrl: `https://demo.myshopify.com/admin/orders/${1000 + n}`,
    ...overrides,
  };
}

export function foundSnapshot(orders: ShopifyOrderSummary[] = [order(1), order(2)]): ShopifySnapshot {
  return {
    status: 'found',
    customer: {
      id: 'gid://shopify/Customer/42',
      name: 'Jane Doe',
      email: 'jane@example.com',
      ordersCount: orders.length,
      totalSpent: { amount: '1234.50', currencyCode: 'USD' },
      tags: ['wholesale', 'newsletter'],
      adminUrl: 'https://demo.myshopify.com/admin/customers/42',
    },
    orders,
    fetchedAt: T0.toISOString(),
  };
}

export const FULL_CAPS: PlatformCapabilities = { assign: true, label: true, resolve: true, reopen: true, note: true, send: true };
export const NO_CAPS: PlatformCapabilities = { assign: false, label: false, resolve: false, reopen: false, note: false, send: false };
export const LABELS = ['refund', 'shipping', 'billing', 'product', 'bug', 'vip'];

/** Store a typed value in a Json column (interfaces lack the index signature JsonValue wants). */
export function json<T>(value: T): Escalation['shopify'] {
  return value as unknown as Escalation['shopify'];
}
