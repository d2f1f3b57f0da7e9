// The fake Shopify's data: customers and orders held in memory, and the root value that lets
// graphql-js execute real Admin API documents against the 2025-01 schema. Objects returned here
// are "views": plain fields for scalars, methods for fields that take arguments (graphql-js's
// default resolver calls a function property with the field's args).
//
// Scalars must already be in wire form, because a client schema's custom scalars pass values
// through unchanged: UnsignedInt64 and Decimal are strings, DateTime an ISO string.
import { GraphQLError } from 'graphql';

export interface FakeCustomerInput {
  id?: number;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  tags?: string[];
  /** Defaults to the sum of the customer's orders. */
  amountSpent?: string;
  /** Defaults to the number of the customer's orders. */
  numberOfOrders?: number;
  currencyCode?: string;
  createdAt?: string;
}

export interface FakeCustomer {
  id: number;
  gid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  tags: string[];
  amountSpent?: string;
  numberOfOrders?: number;
  currencyCode: string;
  createdAt: string;
}

export interface FakeTrackingInput {
  number?: string | null;
  url?: string | null;
  company?: string | null;
}

export interface FakeOrderInput {
  id?: number;
  /** Defaults to `#${1000 + id}`. */
  name?: string;
  /** Numeric id or gid of a customer added earlier. */
  customerId?: number | string;
  createdAt?: string;
  currencyCode?: string;
  lineItems?: { title: string; quantity?: number; price?: string }[];
  shipping?: string;
  tax?: string;
  /** OrderDisplayFinancialStatus; default PAID. */
  financialStatus?: string | null;
  /** OrderDisplayFulfillmentStatus; default UNFULFILLED (FULFILLED when fulfillments are given). */
  fulfillmentStatus?: string;
  cancelledAt?: string | null;
  shippingAddress?: { city?: string | null; country?: string | null } | null;
  fulfillments?: { status?: string; createdAt?: string; tracking?: FakeTrackingInput[] }[];
  /** Amount refunded; default 0. */
  refunded?: string;
}

export interface FakeOrder {
  id: number;
  gid: string;
  name: string;
  customerId: number | null;
  createdAt: string;
  currencyCode: string;
  lineItems: { title: string; quantity: number; price: string }[];
  shipping: string;
  tax: string;
  financialStatus: string | null;
  fulfillmentStatus: string;
  cancelledAt: string | null;
  shippingAddress: { city: string | null; country: string | null } | null;
  fulfillments: { status: string; createdAt: string; tracking: Required<FakeTrackingInput>[] }[];
  refunded: string;
}

const BASE_TIME = Date.UTC(2025, 0, 1);
const money = (n: number) => n.toFixed(2);

type Args = Record<string, unknown>;

// ---------------------------------------------------------------- search syntax

interface Term {
  negate: boolean;
  field?: string;
  value: string;
}

/** Enough of Shopify's search syntax for what handoff sends: `field:value`, quoted values, bare words. */
export function parseSearch(query: string): Term[] {
  const terms: Term[] = [];
  const re = /(-?)(?:([a-z_]+):)?(?:"((?:[^"\\]|\\.)*)"|(\S+))/gi;
  for (const m of query.matchAll(re)) {
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[4] ?? '');
    if (!m[2] && (value === 'AND' || value === 'OR')) continue;
    terms.push({ negate: m[1] === '-', field: m[2]?.toLowerCase(), value });
  }
  return terms;
}

const has = (s: string | null | undefined, v: string) => !!s && s.toLowerCase().includes(v.toLowerCase());
const same = (s: string | null | undefined, v: string) => !!s && s.toLowerCase() === v.toLowerCase();

// ---------------------------------------------------------------- pagination

const cursorOf = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');
const offsetOf = (cursor: unknown): number => {
  if (typeof cursor !== 'string') return -1;
  try {
    return Number((JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { offset: number }).offset);
  } catch {
    throw new GraphQLError(`Invalid cursor for current pagination sort.`);
  }
};

/** A Relay connection over `items` (already filtered and sorted), with first/after and last/before. */
function connection<T, V>(items: T[], args: Args, view: (t: T) => V) {
  const first = args.first as number | undefined;
  const last = args.last as number | undefined;
  if (first == null && last == null) throw new GraphQLError('you must provide one of first or last');
  if ((first ?? 0) > 250 || (last ?? 0) > 250) throw new GraphQLError('The maximum page size is 250');
  let start = args.after != null ? offsetOf(args.after) + 1 : 0;
  let end = args.before != null ? offsetOf(args.before) : items.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const slice = items.slice(start, end).map((item, i) => ({ cursor: cursorOf(start + i), node: view(item) }));
  return {
    edges: slice,
    nodes: slice.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
  };
}

function sorted<T extends { id: number; createdAt: string }>(items: T[], args: Args, byName?: (t: T) => string): T[] {
  const key = args.sortKey as string | undefined;
  const out = [...items];
  if (key === 'CREATED_AT') out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  else if (key === 'NAME' && byName) out.sort((a, b) => byName(a).localeCompare(byName(b)));
  else if (key === 'RELEVANCE') {
    // Insertion order stands in for relevance.
  } else out.sort((a, b) => a.id - b.id);
  if (args.reverse) out.reverse();
  return out;
}

// ---------------------------------------------------------------- the store

export class FakeShopifyStore {
  readonly customers: FakeCustomer[] = [];
  readonly orders: FakeOrder[] = [];
  private nextId = 1;

  addCustomer(input: FakeCustomerInput): FakeCustomer {
    const id = input.id ?? this.nextId++;
    this.nextId = Math.max(this.nextId, id + 1);
    const c: FakeCustomer = {
      id,
      gid: `gid://shopify/Customer/${id}`,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      email: input.email?.toLowerCase() ?? null,
      tags: input.tags ?? [],
      amountSpent: input.amountSpent,
      numberOfOrders: input.numberOfOrders,
      currencyCode: input.currencyCode ?? 'USD',
      createdAt: input.createdAt ?? new Date(BASE_TIME + id * 60_000).toISOString(),
    };
    this.customers.push(c);
    return c;
  }

  addOrder(input: FakeOrderInput): FakeOrder {
    const id = input.id ?? this.nextId++;
    this.nextId = Math.max(this.nextId, id + 1);
    const customer = input.customerId != null ? this.customerById(input.customerId) : undefined;
    if (input.customerId != null && !customer) throw new Error(`fake shopify: no customer ${input.customerId}`);
    const fulfillments = (input.fulfillments ?? []).map((f) => ({
      status: f.status ?? 'SUCCESS',
      createdAt: f.createdAt ?? new Date(BASE_TIME + id * 3_600_000 + 86_400_000).toISOString(),
      tracking: (f.tracking ?? []).map((t) => ({ number: t.number ?? null, url: t.url ?? null, company: t.company ?? null })),
    }));
    const o: FakeOrder = {
      id,
      gid: `gid://shopify/Order/${id}`,
      name: input.name ?? `#${1000 + id}`,
      customerId: customer?.id ?? null,
      createdAt: input.createdAt ?? new Date(BASE_TIME + id * 3_600_000).toISOString(),
      currencyCode: input.currencyCode ?? customer?.currencyCode ?? 'USD',
      lineItems: (input.lineItems ?? [{ title: 'Item', quantity: 1, price: '10.00' }]).map((li) => ({
        title: li.title,
        quantity: li.quantity ?? 1,
        price: li.price ?? '10.00',
      })),
      shipping: input.shipping ?? '0.00',
      tax: input.tax ?? '0.00',
      financialStatus: input.financialStatus === undefined ? 'PAID' : input.financialStatus,
      fulfillmentStatus: input.fulfillmentStatus ?? (fulfillments.length ? 'FULFILLED' : 'UNFULFILLED'),
      cancelledAt: input.cancelledAt ?? null,
      shippingAddress:
        input.shippingAddress === null
          ? null
          : { city: input.shippingAddress?.city ?? null, country: input.shippingAddress?.country ?? null },
      fulfillments,
      refunded: input.refunded ?? '0.00',
    };
    this.orders.push(o);
    return o;
  }

  customerById(id: number | string): FakeCustomer | undefined {
    const n = Number(String(id).split('/').pop());
    return this.customers.find((c) => c.id === n);
  }

  ordersOf(c: FakeCustomer): FakeOrder[] {
    return this.orders.filter((o) => o.customerId === c.id);
  }

  private subtotal(o: FakeOrder): number {
    return o.lineItems.reduce((sum, li) => sum + Number(li.price) * li.quantity, 0);
  }

  private total(o: FakeOrder): number {
    return this.subtotal(o) + Number(o.shipping) + Number(o.tax);
  }

  // -------------------------------------------------------------- search

  private customerMatches(c: FakeCustomer, t: Term): boolean {
    const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
    switch (t.field) {
      case undefined:
        return has(c.firstName, t.value) || has(c.lastName, t.value) || has(c.email, t.value) || has(name, t.value);
      case 'email':
        return same(c.email, t.value);
      case 'first_name':
        return same(c.firstName, t.value);
      case 'last_name':
        return same(c.lastName, t.value);
      case 'tag':
        return c.tags.some((tag) => same(tag, t.value));
      case 'id':
        return String(c.id) === t.value;
      default:
        return false;
    }
  }

  private orderMatches(o: FakeOrder, t: Term): boolean {
    const c = o.customerId != null ? this.customerById(o.customerId) : undefined;
    const bare = (s: string) => s.replace(/^#/, '');
    switch (t.field) {
      case undefined:
        return same(o.name, t.value) || same(bare(o.name), bare(t.value)) || (!!c && this.customerMatches(c, t));
      case 'name':
        return same(o.name, t.value) || same(bare(o.name), t.value);
      case 'customer_id':
        return o.customerId != null && String(o.customerId) === bare(t.value);
      case 'email':
        return same(c?.email, t.value);
      case 'financial_status':
        return same(o.financialStatus, t.value);
      default:
        return false;
    }
  }

  private search<T>(items: T[], query: unknown, match: (item: T, t: Term) => boolean): T[] {
    if (typeof query !== 'string' || !query.trim()) return items;
    const terms = parseSearch(query);
    return items.filter((item) => terms.every((t) => match(item, t) !== t.negate));
  }

  // -------------------------------------------------------------- views

  private moneyV2(amount: number | string, currencyCode: string) {
    return { amount: typeof amount === 'number' ? money(amount) : amount, currencyCode };
  }

  private moneyBag(amount: number | string, currencyCode: string) {
    const m = this.moneyV2(amount, currencyCode);
    return { shopMoney: m, presentmentMoney: m };
  }

  customerView(c: FakeCustomer) {
    const orders = this.ordersOf(c);
    const spent = c.amountSpent ?? money(orders.reduce((sum, o) => sum + this.total(o), 0));
    return {
      id: c.gid,
      legacyResourceId: String(c.id),
      firstName: c.firstName,
      lastName: c.lastName,
      displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '',
      email: c.email,
      tags: c.tags,
      numberOfOrders: String(c.numberOfOrders ?? orders.length),
      amountSpent: this.moneyV2(spent, c.currencyCode),
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      orders: (args: Args) =>
        connection(sorted(this.search(orders, args.query, (o, t) => this.orderMatches(o, t)), args), args, (o) =>
          this.orderView(o),
        ),
    };
  }

  orderView(o: FakeOrder) {
    const cur = o.currencyCode;
    const customer = o.customerId != null ? this.customerById(o.customerId) : undefined;
    return {
      id: o.gid,
      legacyResourceId: String(o.id),
      name: o.name,
      createdAt: o.createdAt,
      cancelledAt: o.cancelledAt,
      displayFinancialStatus: o.financialStatus,
      displayFulfillmentStatus: o.fulfillmentStatus,
      totalPriceSet: this.moneyBag(this.total(o), cur),
      currentTotalPriceSet: this.moneyBag(this.total(o), cur),
      subtotalPriceSet: this.moneyBag(this.subtotal(o), cur),
      totalShippingPriceSet: this.moneyBag(o.shipping, cur),
      totalTaxSet: this.moneyBag(o.tax, cur),
      totalRefundedSet: this.moneyBag(o.refunded, cur),
      email: customer?.email ?? null,
      shippingAddress: o.shippingAddress,
      customer: () => (customer ? this.customerView(customer) : null),
      lineItems: (args: Args) =>
        connection(o.lineItems, args, (li) => ({
          title: li.title,
          quantity: li.quantity,
          currentQuantity: li.quantity,
          originalTotalSet: this.moneyBag(Number(li.price) * li.quantity, cur),
        })),
      fulfillments: (args: Args) =>
        o.fulfillments.slice(0, (args.first as number | undefined) ?? undefined).map((f) => ({
          status: f.status,
          createdAt: f.createdAt,
          trackingInfo: (a: Args) => f.tracking.slice(0, (a.first as number | undefined) ?? undefined),
        })),
    };
  }

  /** The QueryRoot fields the fake answers; anything else resolves to null (or an error if non-null). */
  rootValue() {
    return {
      customer: (args: Args) => {
        const c = this.customerById(String(args.id));
        return c ? this.customerView(c) : null;
      },
      customerByIdentifier: (args: Args) => {
        const id = args.identifier as { id?: string; emailAddress?: string; phoneNumber?: string };
        const c = id.id
          ? this.customerById(id.id)
          : id.emailAddress
            ? this.customers.find((x) => same(x.email, id.emailAddress as string))
            : undefined;
        return c ? this.customerView(c) : null;
      },
      customers: (args: Args) =>
        connection(
          sorted(
            this.search(this.customers, args.query, (c, t) => this.customerMatches(c, t)),
            args,
            (c) => `${c.firstName ?? ''} ${c.lastName ?? ''}`,
          ),
          args,
          (c) => this.customerView(c),
        ),
      order: (args: Args) => {
        const n = Number(String(args.id).split('/').pop());
        const o = this.orders.find((x) => x.id === n);
        return o ? this.orderView(o) : null;
      },
      orders: (args: Args) =>
        connection(
          sorted(this.search(this.orders, args.query, (o, t) => this.orderMatches(o, t)), args, (o) => o.name),
          args,
          (o) => this.orderView(o),
        ),
    };
  }
}
