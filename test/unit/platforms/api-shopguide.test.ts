// ShopGuide API client against the stateful ShopGuide fake, and the per-config API registry.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config.js';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { createPlatformApis } from '../../../src/platforms/apis.js';
import { createShopGuideApi } from '../../../src/platforms/shopguide/api.js';
import type { PlatformApi } from '../../../src/platforms/types.js';
import { type ShopGuideFake, startShopGuideFake } from '../../fakes/shopguide.js';

const KEY = 'sg_test_key_abc123';

let fake: ShopGuideFake;
let api: PlatformApi;

beforeEach(async () => {
  fake = await startShopGuideFake({ apiKey: KEY });
  fake.customer('cust_1', { name: 'Dana Shopper', email: 'dana@example.com' });
  fake.conversation('conv_1', { customer_id: 'cust_1', tags: ['vip'] });
  api = createShopGuideApi({ apiKey: KEY, apiUrl: fake.url }, { timeoutMs: 500, retryBaseMs: 10, rateLimit: false });
});

afterEach(async () => {
  await fake.close();
});

function call(i: number) {
  const c = fake.calls.at(i);
  expect(c?.headers.authorization).toBe(`Bearer ${KEY}`);
  return c;
}

describe('ShopGuide API', () => {
  it('has no assign or agent list (no agent API documented)', () => {
    expect(api.assign).toBeUndefined();
    expect(api.listAgents).toBeUndefined();
  });

  it('resolve and reopen PUT the status', async () => {
    await api.resolve?.('conv_1');
    expect(call(-1)).toMatchObject({ method: 'PUT', path: '/conversations/conv_1', body: { status: 'resolved' } });
    expect(fake.conversations.get('conv_1')?.status).toBe('resolved');
    await api.reopen?.('conv_1');
    expect(call(-1)).toMatchObject({ method: 'PUT', body: { status: 'active' } });
    expect(fake.conversations.get('conv_1')?.status).toBe('active');
  });

  it('addLabels reads the tags and PUTs the union (PUT replaces)', async () => {
    await api.addLabels?.('conv_1', ['refund', 'vip']);
    expect(fake.calls).toHaveLength(2);
    expect(call(0)).toMatchObject({ method: 'GET', path: '/conversations/conv_1' });
    expect(call(1)).toMatchObject({ method: 'PUT', path: '/conversations/conv_1', body: { tags: ['vip', 'refund'] } });
    expect(fake.conversations.get('conv_1')?.tags).toEqual(['vip', 'refund']);
  });

  it('addLabels with tags already present sends no PUT', async () => {
    await api.addLabels?.('conv_1', ['vip']);
    expect(fake.calls.map((c) => c.method)).toEqual(['GET']);
  });

  it('note with a known customer POSTs a customer note', async () => {
    await api.note?.('conv_1', 'Claimed in Slack by @ada', { customerId: 'cust_1' });
    expect(fake.calls).toHaveLength(1);
    expect(call(0)).toMatchObject({
      method: 'POST',
      path: '/customers/cust_1/notes',
      body: { note: 'Claimed in Slack by @ada', conversation_id: 'conv_1' },
    });
    expect(fake.customers.get('cust_1')?.notes[0]).toMatchObject({ note: 'Claimed in Slack by @ada', conversation_id: 'conv_1' });
  });

  it('note without a customer id finds it on the conversation', async () => {
    await api.note?.('conv_1', 'hello');
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /conversations/conv_1', 'POST /customers/cust_1/notes']);
  });

  it('note on a conversation without a customer uses the conversation notes field', async () => {
    fake.conversation('conv_anon');
    await api.note?.('conv_anon', 'anon note');
    expect(call(-1)).toMatchObject({ method: 'PUT', path: '/conversations/conv_anon', body: { notes: 'anon note' } });
    expect(fake.conversations.get('conv_anon')?.notes).toEqual(['anon note']);
  });

  it('lookupCustomer by customer id uses GET /customers/{id}', async () => {
    expect(await api.lookupCustomer?.('conv_1', 'cust_1')).toEqual({ name: 'Dana Shopper', email: 'dana@example.com' });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /customers/cust_1']);
  });

  it('lookupCustomer by conversation reads the embedded customer, or follows customer_id', async () => {
    expect(await api.lookupCustomer?.('conv_1')).toEqual({ name: 'Dana Shopper', email: 'dana@example.com' });
    expect(fake.calls).toHaveLength(1);

    fake.embedCustomer = false;
    fake.customer('cust_2', { first_name: 'Eli', last_name: 'Ng', email: 'eli@example.com' });
    fake.conversation('conv_2', { customer_id: 'cust_2' });
    expect(await api.lookupCustomer?.('conv_2')).toEqual({ name: 'Eli Ng', email: 'eli@example.com' });
    expect(fake.calls.slice(1).map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /conversations/conv_2',
      'GET /customers/cust_2',
    ]);
  });

  it('lookupCustomer of unknown ids is undefined', async () => {
    expect(await api.lookupCustomer?.('conv_missing', 'cust_missing')).toBeUndefined();
  });

  it('report sends the date range and maps the summary', async () => {
    const since = new Date('2026-01-05T00:00:00Z');
    const until = new Date('2026-01-12T00:00:00Z');
    expect(await api.report?.(since, until)).toEqual({
      conversations: 128,
      avgFirstResponseSeconds: 2.4,
      avgResolutionSeconds: 540,
      botResolutionRate: 0.815,
      csat: 4.5,
    });
    expect(call(-1)).toMatchObject({
      method: 'GET',
      path: '/analytics/summary',
      query: { start_date: '2026-01-05T00:00:00.000Z', end_date: '2026-01-12T00:00:00.000Z' },
    });
  });

  it('classifies failures and keeps the key out of messages', async () => {
    const notFound = await api.resolve?.('conv_missing').catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(PermanentError);
    expect((notFound as Error).message).toBe(
      'ShopGuide PUT /conversations/conv_missing answered 404: Conversation conv_missing not found',
    );

    fake.failNext(1, 429, 10);
    const throttled = await api.resolve?.('conv_1').catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(RetryableError);
    expect((throttled as RetryableError).retryAfterMs).toBe(10_000);

    fake.failNext(1, 503);
    await api.resolve?.('conv_1');
    expect(fake.conversations.get('conv_1')?.status).toBe('resolved');

    const wrong = createShopGuideApi({ apiKey: 'sg_wrong_key', apiUrl: fake.url }, { rateLimit: false });
    const unauthorized = await wrong.resolve?.('conv_1').catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(PermanentError);
    expect((unauthorized as Error).message).toBe('ShopGuide PUT /conversations/conv_1 answered 401: Invalid API key');

    fake.down('hang');
    const down = await api.resolve?.('conv_1').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(RetryableError);
    for (const e of [notFound, throttled, unauthorized, down]) expect(String((e as Error).message)).not.toContain(KEY);
  });
});

describe('createPlatformApis', () => {
  const base = { platforms: {} } as unknown as Config;

  it('builds APIs for enabled platforms that have one', () => {
    const config = {
      ...base,
      platforms: {
        oscarchat: { secrets: ['s'], apiKey: 'k', workspaceId: 'ws', apiUrl: 'http://127.0.0.1:1/v1', appUrl: 'http://x' },
        shopguide: { secrets: ['s'], apiKey: 'k', apiUrl: 'http://127.0.0.1:1/v1' },
        onwebchat: { secrets: ['s'], dashboardUrl: 'http://x' },
        chatdata: { secrets: ['s'] },
      },
    } as Config;
    const apis = createPlatformApis(config);
    expect([...apis.keys()].sort()).toEqual(['oscarchat', 'shopguide']);
    expect(apis.get('oscarchat')?.assign).toBeTypeOf('function');
    expect(apis.get('shopguide')?.assign).toBeUndefined();
  });

  it('is empty when no API platform is enabled', () => {
    expect(createPlatformApis(base).size).toBe(0);
  });
});
