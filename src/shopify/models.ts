// Shapes returned by the /order lookups. They sit beside types.ts (the card's snapshot contract,
// left unchanged) and reuse its summaries so a lookup and a card show the same numbers.
import type { Money, ShopifyCustomerSummary, ShopifyOrderSummary } from './types.js';

export interface ShopifyLineItem {
  title: string;
  quantity: number;
}

export interface ShopifyTracking {
  number: string | null;
  url: string | null;
  company: string | null;
}

export interface ShopifyFulfillment {
  /** Shopify's FulfillmentStatus, e.g. SUCCESS, CANCELLED. */
  status: string;
  createdAt: string;
  tracking: ShopifyTracking[];
}

export interface ShopifyOrderDetail extends ShopifyOrderSummary {
  subtotal: Money | null;
  shipping: Money;
  tax: Money | null;
  cancelledAt: string | null;
  /** Set when the order was closed (archived) in Shopify. */
  closedAt: string | null;
  lineItems: ShopifyLineItem[];
  /** True when the order has more line items than one page holds (we fetch the first 50). */
  lineItemsTruncated: boolean;
  shippingAddress: { city: string | null; country: string | null } | null;
  fulfillments: ShopifyFulfillment[];
  /** With lifetime value (ordersCount, totalSpent); null for guest or deleted customers. */
  customer: ShopifyCustomerSummary | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ShopifyPage<T> {
  items: T[];
  pageInfo: PageInfo;
}
