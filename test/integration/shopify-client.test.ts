// The real client (@shopify/shopify-api underneath) against the local fake Admin API.
import { Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../src/errors.js';
import { createShopifyClient, type ShopifyClient } from '../../src/shopify/client.js';
import { type FakeShopify, startFakeShopify } from '../fakes/shopify.js';
import { adminSchema } from '../fakes/shopify-schema.js';

describe('Shopify client against the fake Admin API', () => {
  let fake: FakeShopify;
  let other: FakeShopify;
  let client: ShopifyClient;
  let registry: Registry;
  let calls: Counter<'operation' | 'outcome'>;

  beforeAll(async () => {
    adminSchema(); // load the 9 MB schema up front so timings below measure the client, not the fake's start-up
    fake = await startFakeShopify();
    other = await startFakeShopify({ shop: 'other-store.myshopify.com', token: 'shpat_other' });

    const ada = fake.addCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', tags: ['vip', 'wholesale'] });
    for (let i = 0; i < 7; i++) {
      fake.addOrder({ customerId: ada.id, lineItems: [{ title: `Thing ${i}`, quantity: 1, price: '20.00' }] });
    }
    fake.addOrder({
      name: '#5001',
      customerId: ada.id,
      lineItems: [
        { title: 'Analytical Engine', quantity: 1, price: '999.00' },
        { title: 'Punch cards', quantity: 3, price: '5.00' },
      ],
      shipping: '15.00',
      tax: '80.00',
      financialStatus: 'PAID',
      shippingAddress: { city: 'London', country: 'United Kingdom' },
      fulfillments: [{ tracking: [{ number: '1Z999', url: 'https://track.example/1Z999', company: 'UPS' }] }],
      refunded: '15.00',
    });
    fake.addCustomer({ firstName: 'Ada', lastName: 'Byron', email: 'byron@example.com' });
    fake.addCustomer({ firstName: 'Adam', lastName: 'Smith', email: 'adam@example.com' });
    fake.addCustomer({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });
    other.addCustomer({ firstName: 'Only', lastName: 'Other', email: 'ada@example.com' });
  });

  afterAll(async () => {
    await fake?.close();
    await other?.close();
  });

  beforeEach(() => {
    registry = new Registry();
    calls = new Counter({ name: 'shopify_calls', help: 'x', labelNames: ['operation', 'outcome'], registers: [registry] });
    client = createShopifyClient(fake.config(), { metrics: { shopifyCalls: calls }, timeoutMs: 1500 });
  });

  const outcomes = async () =>
    Object.fromEntries((await calls.get()).values.map((v) => [`${v.labels.operation}:${v.labels.outcome}`, v.value]));

  it('finds a customer by email with lifetime value and the latest 5 orders', async () => {
    const started = performance.now();
    const snap = await client.customerByEmail(' Ada@Example.com ');
    const ms = performance.now() - started;
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await client.customerByEmail('ada@example.com');
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    console.log(`customerByEmail against the fake: first ${ms.toFixed(1)} ms, warm median ${warm[10]?.toFixed(1)} ms`);

    expect(snap.status).toBe('found');
    if (snap.status !== 'found') return;
    expect(snap.customer).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      ordersCount: 8,
      totalSpent: { amount: '1249.00', currencyCode: 'USD' },
      tags: ['vip', 'wholesale'],
    });
    expect(snap.customer.adminUrl).toMatch(/^https:\/\/admin\.shopify\.com\/store\/fake-store\/customers\/\d+$/);
    expect(snap.orders).toHaveLength(5);
    expect(snap.orders[0]).toMatchObject({ name: '#5001', financialStatus: 'PAID', fulfillmentStatus: 'FULFILLED' });
    expect(snap.orders[0]?.total).toEqual({ amount: '1109.00', currencyCode: 'USD' });
    expect(snap.orders[0]?.adminUrl).toMatch(/\/store\/fake-store\/orders\/\d+$/);
    // The facts a drafted reply uses: tracking and refunds; no address or tracking URL is kept.
    expect(snap.orders[0]?.shipments).toEqual([{ status: 'SUCCESS', tracking: [{ number: '1Z999', company: 'UPS' }] }]);
    expect(snap.orders[0]?.refunded).toEqual({ amount: '15.00', currencyCode: 'USD' });
    expect(JSON.stringify(snap.orders)).not.toMatch(/London|track\.example/);
    // Newest first.
    const dates = snap.orders.map((o) => o.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);

    // What went over the wire: the token header, the pinned version, one round trip.
    const req = fake.requests.at(-1);
    expect(req?.path).toBe('/admin/api/2025-01/graphql.json');
    expect(req?.headers['x-shopify-access-token']).toBe(fake.token);
    expect(req?.headers['x-handoff-shopify-origin']).toBeUndefined();
    expect(req?.variables).toEqual({ email: 'ada@example.com' });
    expect(await outcomes()).toEqual({ 'CustomerByEmail:ok': 21 });
  });

  it('answers not_found for an unknown email', async () => {
    const snap = await client.customerByEmail('nobody@example.com');
    expect(snap).toMatchObject({ status: 'not_found', email: 'nobody@example.com' });
  });

  it('keeps two clients with different origins apart (the fetch override is process-global)', async () => {
    const otherClient = createShopifyClient(other.config());
    const [a, b] = await Promise.all([client.customerByEmail('ada@example.com'), otherClient.customerByEmail('ada@example.com')]);
    expect(a.status === 'found' && a.customer.name).toBe('Ada Lovelace');
    expect(b.status === 'found' && b.customer.name).toBe('Only Other');
    expect(b.status === 'found' && b.customer.adminUrl).toMatch(/\/store\/other-store\//);
  });

  it('waits out THROTTLED for (requested - available) / restoreRate, then succeeds', async () => {
    // 20 points short at 100 points/s: 200 ms.
    fake.throttleNext(1, { requestedQueryCost: 25, currentlyAvailable: 5, restoreRate: 100 });
    const before = fake.requests.length;
    const started = performance.now();
    const snap = await client.customerByEmail('ada@example.com');
    const ms = performance.now() - started;
    expect(snap.status).toBe('found');
    expect(fake.requests.length - before).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(1000);
    expect(await outcomes()).toEqual({ 'CustomerByEmail:throttled': 1, 'CustomerByEmail:ok': 1 });
  });

  it('gives up on throttling beyond its wait budget with a RetryableError carrying the wait', async () => {
    const tight = createShopifyClient(fake.config(), { maxThrottleWaitMs: 100 });
    fake.throttleNext(1, { requestedQueryCost: 500, currentlyAvailable: 0, restoreRate: 100 });
    const err = await tight.customerByEmail('ada@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).retryAfterMs).toBe(5000);
  });

  it('honours 429 Retry-After, then succeeds', async () => {
    fake.rateLimitNext(1, 0.15);
    const before = fake.requests.length;
    const started = performance.now();
    const snap = await client.customerByEmail('ada@example.com');
    const ms = performance.now() - started;
    expect(snap.status).toBe('found');
    expect(fake.requests.slice(before).map((r) => r.status)).toEqual([429, 200]);
    expect(ms).toBeGreaterThanOrEqual(145);
    expect(ms).toBeLessThan(1000);
  });

  it('turns 5xx into RetryableError without retrying inside the client', async () => {
    fake.failNext(1, 500);
    const before = fake.requests.length;
    await expect(client.customerByEmail('ada@example.com')).rejects.toBeInstanceOf(RetryableError);
    expect(fake.requests.length - before).toBe(1);
    expect(await outcomes()).toEqual({ 'CustomerByEmail:retryable_error': 1 });
  });

  it('turns GraphQL errors (e.g. ACCESS_DENIED) into PermanentError naming the code', async () => {
    fake.graphqlErrorNext(1, 'ACCESS_DENIED', 'Access denied for customerByIdentifier field.');
    const err = await client.customerByEmail('ada@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toMatch(/ACCESS_DENIED/);
  });

  it('turns 401 (bad token) into PermanentError', async () => {
    const badToken = createShopifyClient(fake.config({ accessToken: 'shpat_wrong' }));
    const err = await badToken.customerByEmail('ada@example.com').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toMatch(/401/);
    expect(fake.requests.at(-1)?.status).toBe(401);
  });

  it('turns an unreachable Shopify into RetryableError quickly', async () => {
    const gone = await startFakeShopify();
    const goneClient = createShopifyClient(gone.config());
    await gone.down();
    const started = performance.now();
    await expect(goneClient.customerByEmail('ada@example.com')).rejects.toBeInstanceOf(RetryableError);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('survives the fake going down and coming back on the same port', async () => {
    await fake.down();
    await expect(client.customerByEmail('ada@example.com')).rejects.toBeInstanceOf(RetryableError);
    await fake.up();
    expect((await client.customerByEmail('ada@example.com')).status).toBe('found');
  });

  it('times out a request that is never answered', async () => {
    const quick = createShopifyClient(fake.config(), { timeoutMs: 300 });
    fake.hangNext(1);
    const started = performance.now();
    await expect(quick.customerByEmail('ada@example.com')).rejects.toBeInstanceOf(RetryableError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('looks up an order by number with line items, totals, address, tracking and the customer', async () => {
    const order = await client.orderByNumber('5001');
    expect(fake.requests.at(-1)?.variables).toEqual({ query: 'name:#5001' });
    expect(order).toMatchObject({
      name: '#5001',
      total: { amount: '1109.00', currencyCode: 'USD' },
      subtotal: { amount: '1014.00', currencyCode: 'USD' },
      shipping: { amount: '15.00', currencyCode: 'USD' },
      tax: { amount: '80.00', currencyCode: 'USD' },
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      lineItems: [
        { title: 'Analytical Engine', quantity: 1 },
        { title: 'Punch cards', quantity: 3 },
      ],
      lineItemsTruncated: false,
      shippingAddress: { city: 'London', country: 'United Kingdom' },
      fulfillments: [{ status: 'SUCCESS', tracking: [{ number: '1Z999', url: 'https://track.example/1Z999', company: 'UPS' }] }],
      customer: { name: 'Ada Lovelace', ordersCount: 8, totalSpent: { amount: '1249.00', currencyCode: 'USD' } },
    });
    expect(await client.orderByNumber('#5001')).toMatchObject({ name: '#5001' });
    expect(await client.orderByNumber('#9999')).toBeNull();
  });

  it('searches customers by name and returns every match', async () => {
    const page = await client.searchCustomers('Ada');
    expect(page.items.map((c) => c.name).sort()).toEqual(['Ada Byron', 'Ada Lovelace', 'Adam Smith']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    const narrow = await client.searchCustomers('ada lovelace');
    expect(narrow.items.map((c) => c.email)).toEqual(['ada@example.com']);
    expect((await client.searchCustomers('Nobody')).items).toEqual([]);
  });

  it('pages through a customer’s orders with the cursor', async () => {
    const snap = await client.customerByEmail('ada@example.com');
    if (snap.status !== 'found') throw new Error('expected Ada');
    const first = await client.customerOrders(snap.customer.id, { first: 5 });
    expect(first?.items).toHaveLength(5);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = await client.customerOrders(snap.customer.id, { first: 5, after: first?.pageInfo.endCursor });
    expect(second?.items).toHaveLength(3);
    expect(second?.pageInfo.hasNextPage).toBe(false);
    const names = [...(first?.items ?? []), ...(second?.items ?? [])].map((o) => o.name);
    expect(new Set(names).size).toBe(8);
    expect(await client.customerOrders('999999')).toBeNull();
  });
});
