// What handoff keeps of a customer's Shopify data: a snapshot stored on the escalation (so the
// card can always be re-rendered from the database) and returned by order lookups.

export interface Money {
  amount: string;
  currencyCode: string;
}

export interface ShopifyOrderSummary {
  /** gid://shopify/Order/... */
  id: string;
  /** Display name, e.g. "#1001". */
  name: string;
  createdAt: string;
  total: Money;
  /** Shopify's displayFinancialStatus, e.g. PAID, REFUNDED. */
  financialStatus: string | null;
  /** Shopify's displayFulfillmentStatus, e.g. FULFILLED, UNFULFILLED. */
  fulfillmentStatus: string | null;
  /** Admin link to the order. */
  adminUrl: string;
}

export interface ShopifyCustomerSummary {
  /** gid://shopify/Customer/... */
  id: string;
  name?: string;
  email?: string;
  ordersCount: number;
  totalSpent: Money;
  tags: string[];
  /** Admin link to the customer. */
  adminUrl: string;
}

export type ShopifySnapshot =
  | { status: 'found'; customer: ShopifyCustomerSummary; orders: ShopifyOrderSummary[]; fetchedAt: string }
  | { status: 'not_found'; email: string; fetchedAt: string }
  | { status: 'error'; error: string; fetchedAt: string }
  /** Shopify was throttling or unreachable: the card went out without it and a job is filling it in. */
  | { status: 'pending'; reason: string; since: string; retryAfterMs?: number }
  | { status: 'skipped'; reason: string };
