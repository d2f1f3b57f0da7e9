// Wire shapes (operations.ts) -> the types the card and /order render (types.ts, models.ts).
import type { ShopifyOrderDetail } from './models.js';
import type { CustomerSummaryFields, OrderDetailFields, OrderFactsFields, OrderSummaryFields } from './operations.js';
import { numericId } from './search.js';
import type { ShopifyCustomerSummary, ShopifyOrderSummary } from './types.js';

/** Admin links use the new admin host: admin.shopify.com/store/{handle}, handle = shop minus .myshopify.com. */
export function adminBaseUrl(shop: string): string {
  const handle = shop.replace(/\.myshopify\.com$/i, '');
  return `https://admin.shopify.com/store/${encodeURIComponent(handle)}`;
}

export function customerAdminUrl(shop: string, gid: string): string {
  return `${adminBaseUrl(shop)}/customers/${numericId(gid)}`;
}

export function orderAdminUrl(shop: string, gid: string): string {
  return `${adminBaseUrl(shop)}/orders/${numericId(gid)}`;
}

export function toCustomerSummary(shop: string, c: CustomerSummaryFields): ShopifyCustomerSummary {
  return {
    id: c.id,
    name: c.displayName || undefined,
    email: c.email ?? undefined,
    // UnsignedInt64 arrives as a string; order counts are far below 2^53.
    ordersCount: Number(c.numberOfOrders),
    totalSpent: { amount: c.amountSpent.amount, currencyCode: c.amountSpent.currencyCode },
    tags: [...c.tags],
    adminUrl: customerAdminUrl(shop, c.id),
  };
}

export function toOrderSummary(shop: string, o: OrderSummaryFields): ShopifyOrderSummary {
  return {
    id: o.id,
    name: o.name,
    createdAt: o.createdAt,
    total: { ...o.totalPriceSet.shopMoney },
    financialStatus: o.displayFinancialStatus ?? null,
    fulfillmentStatus: o.displayFulfillmentStatus ?? null,
    adminUrl: orderAdminUrl(shop, o.id),
  };
}

/** A card order with the facts a drafted reply needs (status, tracking, refunds; no addresses). */
export function toOrderWithFacts(shop: string, o: OrderSummaryFields & OrderFactsFields): ShopifyOrderSummary {
  return {
    ...toOrderSummary(shop, o),
    shipments: o.fulfillments.map((f) => ({ status: f.status, tracking: f.trackingInfo.map((t) => ({ number: t.number, company: t.company })) })),
    refunded: { ...o.totalRefundedSet.shopMoney },
  };
}

export function toOrderDetail(shop: string, o: OrderDetailFields): ShopifyOrderDetail {
  return {
    ...toOrderSummary(shop, o),
    subtotal: o.subtotalPriceSet ? { ...o.subtotalPriceSet.shopMoney } : null,
    shipping: { ...o.totalShippingPriceSet.shopMoney },
    tax: o.totalTaxSet ? { ...o.totalTaxSet.shopMoney } : null,
    cancelledAt: o.cancelledAt,
    closedAt: o.closedAt ?? null,
    lineItems: o.lineItems.nodes.map((li) => ({ title: li.title, quantity: li.quantity })),
    lineItemsTruncated: o.lineItems.pageInfo.hasNextPage,
    shippingAddress: o.shippingAddress ? { city: o.shippingAddress.city, country: o.shippingAddress.country } : null,
    fulfillments: o.fulfillments.map((f) => ({
      status: f.status,
      createdAt: f.createdAt,
      tracking: f.trackingInfo.map((t) => ({ number: t.number, url: t.url, company: t.company })),
    })),
    customer: o.customer ? toCustomerSummary(shop, o.customer) : null,
  };
}
