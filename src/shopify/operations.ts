// The Admin GraphQL documents handoff sends, with hand-written types of their results.
// Each asks only for what the card or /order shows: query cost (and so throttling) grows with
// every connection and field requested. test/unit/shopify/operations.test.ts validates all of
// them against the 2025-01 schema, so a typo fails in CI, not in production.
//
// Customer.email is deprecated in 2025-01 in favour of defaultEmailAddress, but that field only
// arrives in later versions; email is the one that exists in the version we pin.

const MONEY = 'amount currencyCode';

const CUSTOMER_SUMMARY_FRAGMENT = `#graphql
fragment CustomerSummaryFields on Customer {
  id
  displayName
  email
  numberOfOrders
  amountSpent { ${MONEY} }
  tags
}`;

const ORDER_SUMMARY_FRAGMENT = `#graphql
fragment OrderSummaryFields on Order {
  id
  name
  createdAt
  displayFinancialStatus
  displayFulfillmentStatus
  totalPriceSet { shopMoney { ${MONEY} } }
}`;

/**
 * The facts a drafted reply is built from (card query only): each fulfillment's status and
 * tracking, and what was refunded. Never the addresses: those stay in Shopify.
 */
const ORDER_FACTS_FRAGMENT = `#graphql
fragment OrderFactsFields on Order {
  fulfillments(first: 3) {
    status
    trackingInfo(first: 2) { number company }
  }
  totalRefundedSet { shopMoney { ${MONEY} } }
}`;

/** How many recent orders the card shows. */
export const CARD_ORDER_COUNT = 5;
/** Line items fetched per order; pageInfo tells the caller when there are more. */
export const LINE_ITEM_PAGE = 50;
export const CUSTOMER_SEARCH_PAGE = 10;

/**
 * (a) The card's data in one round trip. customerByIdentifier is an exact lookup, unlike
 * customers(query: "email:…"), which goes through the search index (fuzzy, and lags new customers).
 */
export const CUSTOMER_BY_EMAIL = `#graphql
query CustomerByEmail($email: String!) {
  customer: customerByIdentifier(identifier: { emailAddress: $email }) {
    ...CustomerSummaryFields
    orders(first: ${CARD_ORDER_COUNT}, sortKey: CREATED_AT, reverse: true) {
      nodes { ...OrderSummaryFields ...OrderFactsFields }
    }
  }
}
${CUSTOMER_SUMMARY_FRAGMENT}
${ORDER_SUMMARY_FRAGMENT}
${ORDER_FACTS_FRAGMENT}`;

/** (b) One order by its display name; $query is built by search.ts (e.g. `name:#1001`). */
export const ORDER_BY_NAME = `#graphql
query OrderByName($query: String!) {
  orders(first: 1, query: $query) {
    nodes {
      ...OrderSummaryFields
      cancelledAt
      closedAt
      subtotalPriceSet { shopMoney { ${MONEY} } }
      totalShippingPriceSet { shopMoney { ${MONEY} } }
      totalTaxSet { shopMoney { ${MONEY} } }
      shippingAddress { city country }
      lineItems(first: ${LINE_ITEM_PAGE}) {
        nodes { title quantity }
        pageInfo { hasNextPage endCursor }
      }
      fulfillments(first: 10) {
        status
        createdAt
        trackingInfo(first: 5) { number url company }
      }
      customer { ...CustomerSummaryFields }
    }
  }
}
${CUSTOMER_SUMMARY_FRAGMENT}
${ORDER_SUMMARY_FRAGMENT}`;

/** (c) Customers matching a free-text name search. */
export const SEARCH_CUSTOMERS = `#graphql
query SearchCustomers($query: String!, $first: Int!) {
  customers(first: $first, query: $query, sortKey: RELEVANCE) {
    nodes { ...CustomerSummaryFields }
    pageInfo { hasNextPage endCursor }
  }
}
${CUSTOMER_SUMMARY_FRAGMENT}`;

/** (d) A page of one customer's orders, newest first. */
export const CUSTOMER_ORDERS = `#graphql
query CustomerOrders($id: ID!, $first: Int!, $after: String) {
  customer(id: $id) {
    id
    orders(first: $first, after: $after, sortKey: CREATED_AT, reverse: true) {
      nodes { ...OrderSummaryFields }
      pageInfo { hasNextPage endCursor }
    }
  }
}
${ORDER_SUMMARY_FRAGMENT}`;

/** How many recent orders /order shows for a customer; the total comes from numberOfOrders. */
export const CUSTOMER_RECENT_ORDERS = 5;

/**
 * (e) A customer and a page of their latest orders, by id: /order's pick-from-several and its
 * Share button come back with an id, never with the customer data itself.
 */
export const CUSTOMER_BY_ID = `#graphql
query CustomerById($id: ID!, $first: Int!) {
  customer(id: $id) {
    ...CustomerSummaryFields
    orders(first: $first, sortKey: CREATED_AT, reverse: true) {
      nodes { ...OrderSummaryFields }
      pageInfo { hasNextPage endCursor }
    }
  }
}
${CUSTOMER_SUMMARY_FRAGMENT}
${ORDER_SUMMARY_FRAGMENT}`;

/** Every document, by operation name: the schema test iterates over this. */
export const OPERATIONS = {
  CustomerByEmail: CUSTOMER_BY_EMAIL,
  OrderByName: ORDER_BY_NAME,
  SearchCustomers: SEARCH_CUSTOMERS,
  CustomerOrders: CUSTOMER_ORDERS,
  CustomerById: CUSTOMER_BY_ID,
} as const;

export type OperationName = keyof typeof OPERATIONS;

// ---- result types (what the documents above select; scalars as they arrive on the wire) ----

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

export interface CustomerSummaryFields {
  id: string;
  displayName: string;
  email: string | null;
  /** UnsignedInt64, serialised as a string. */
  numberOfOrders: string;
  amountSpent: MoneyV2;
  tags: string[];
}

export interface OrderSummaryFields {
  id: string;
  name: string;
  createdAt: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  totalPriceSet: { shopMoney: MoneyV2 };
}

export interface PageInfoFields {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface OrderFactsFields {
  fulfillments: { status: string; trackingInfo: { number: string | null; company: string | null }[] }[];
  totalRefundedSet: { shopMoney: MoneyV2 };
}

export interface CustomerByEmailResult {
  customer: (CustomerSummaryFields & { orders: { nodes: Array<OrderSummaryFields & OrderFactsFields> } }) | null;
}

export interface OrderDetailFields extends OrderSummaryFields {
  cancelledAt: string | null;
  closedAt: string | null;
  subtotalPriceSet: { shopMoney: MoneyV2 } | null;
  totalShippingPriceSet: { shopMoney: MoneyV2 };
  totalTaxSet: { shopMoney: MoneyV2 } | null;
  shippingAddress: { city: string | null; country: string | null } | null;
  lineItems: { nodes: { title: string; quantity: number }[]; pageInfo: PageInfoFields };
  fulfillments: {
    status: string;
    createdAt: string;
    trackingInfo: { number: string | null; url: string | null; company: string | null }[];
  }[];
  customer: CustomerSummaryFields | null;
}

export interface OrderByNameResult {
  orders: { nodes: OrderDetailFields[] };
}

export interface SearchCustomersResult {
  customers: { nodes: CustomerSummaryFields[]; pageInfo: PageInfoFields };
}

export interface CustomerOrdersResult {
  customer: { id: string; orders: { nodes: OrderSummaryFields[]; pageInfo: PageInfoFields } } | null;
}

export interface CustomerByIdResult {
  customer: (CustomerSummaryFields & { orders: { nodes: OrderSummaryFields[]; pageInfo: PageInfoFields } }) | null;
}
