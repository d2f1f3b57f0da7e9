// /order's Shopify side: turns a lookup (typed text, or an id from a button) into an answer.
// At most two Admin API calls per lookup (name search, then the one match's orders).
import type { ShopifyClient } from '../shopify/client.js';
import type { ShopifyOrderDetail } from '../shopify/models.js';
import { CUSTOMER_RECENT_ORDERS, CUSTOMER_SEARCH_PAGE } from '../shopify/operations.js';
import { classifyOrderQuery, numericId } from '../shopify/search.js';
import type { ShopifyCustomerSummary, ShopifyOrderSummary } from '../shopify/types.js';
import type { OrderLookup } from './jobs.js';

export type OrderAnswer =
  | { kind: 'order'; order: ShopifyOrderDetail }
  | { kind: 'customer'; customer: ShopifyCustomerSummary; orders: ShopifyOrderSummary[] }
  /** Several customers match a name: the user picks one. `more`: the search had further pages. */
  | { kind: 'choose'; query: string; customers: ShopifyCustomerSummary[]; more: boolean }
  | { kind: 'not_found'; query: string; what: 'order' | 'email' | 'name' | 'customer' };

export type ShopifyLookups = Pick<ShopifyClient, 'orderByNumber' | 'customerByEmail' | 'searchCustomers' | 'customerById'>;

export async function lookUp(shopify: ShopifyLookups, lookup: OrderLookup): Promise<OrderAnswer> {
  switch (lookup.kind) {
    case 'order':
      return byOrderName(shopify, lookup.name);
    case 'customer':
      return byCustomerId(shopify, lookup.id, `customer ${lookup.id}`);
    case 'query': {
      const q = classifyOrderQuery(lookup.text);
      if (q.kind === 'order') return byOrderName(shopify, q.value);
      if (q.kind === 'email') {
        const snap = await shopify.customerByEmail(q.value);
        if (snap.status !== 'found') return { kind: 'not_found', query: q.value, what: 'email' };
        return { kind: 'customer', customer: snap.customer, orders: snap.orders.slice(0, CUSTOMER_RECENT_ORDERS) };
      }
      const page = await shopify.searchCustomers(q.value, CUSTOMER_SEARCH_PAGE);
      const [only] = page.items;
      if (page.items.length === 0 || !only) return { kind: 'not_found', query: q.value, what: 'name' };
      if (page.items.length > 1 || page.pageInfo.hasNextPage) {
        return { kind: 'choose', query: q.value, customers: page.items, more: page.pageInfo.hasNextPage };
      }
      return byCustomerId(shopify, numericId(only.id), q.value);
    }
  }
}

async function byOrderName(shopify: ShopifyLookups, name: string): Promise<OrderAnswer> {
  const order = await shopify.orderByNumber(name);
  return order ? { kind: 'order', order } : { kind: 'not_found', query: name, what: 'order' };
}

async function byCustomerId(shopify: ShopifyLookups, id: string, query: string): Promise<OrderAnswer> {
  const found = await shopify.customerById(id, CUSTOMER_RECENT_ORDERS);
  if (!found) return { kind: 'not_found', query, what: 'customer' };
  return { kind: 'customer', customer: found.customer, orders: found.orders.items };
}

/** The reference a Share or pick button carries, so the click can look the same thing up again. */
export function answerRef(answer: OrderAnswer): OrderLookup | undefined {
  if (answer.kind === 'order') return { kind: 'order', name: answer.order.name };
  if (answer.kind === 'customer') return { kind: 'customer', id: numericId(answer.customer.id) };
  return undefined;
}

/** Button values: "order:#1001", "customer:123". */
export function encodeRef(ref: OrderLookup): string {
  if (ref.kind === 'order') return `order:${ref.name}`;
  if (ref.kind === 'customer') return `customer:${ref.id}`;
  return `query:${ref.text}`;
}

export function decodeRef(value: string | undefined): OrderLookup | undefined {
  if (!value) return undefined;
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const rest = value.slice(at + 1);
  if (at < 1 || !rest) return undefined;
  if (kind === 'order' && rest.length <= 100) return { kind: 'order', name: rest };
  if (kind === 'customer' && /^\d{1,20}$/.test(rest)) return { kind: 'customer', id: rest };
  return undefined;
}
