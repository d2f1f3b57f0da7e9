// The shared platform HTTP helper, exercised against a real local HTTP fake: classification,
// bounded in-call retries, timeouts, the request budget and secret hygiene.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { createMetrics } from '../../../src/metrics.js';
import { errorDetail, JsonHttpClient, type JsonHttpOptions, TokenBucket, unwrap } from '../../../src/platforms/http.js';
import { type JsonFake, reply, startJsonFake } from '../../fakes/oscar.js';

const KEY = 'sk_live_SECRET_KEY_123';

let fake: JsonFake;
let echoKeyInErrors = false;

beforeEach(async () => {
  echoKeyInErrors = false;
  fake = await startJsonFake({
    apiKey: KEY,
    errorBody: (code, message) => ({ error: { code, message } }),
    route: (req) => {
      if (req.path === '/things/1') return reply.ok({ id: '1', name: 'thing' });
      if (req.path === '/bare') return { status: 200, body: { conversations_count: 3 } };
      if (req.path === '/empty') return { status: 204 };
      if (echoKeyInErrors) return { status: 403, body: { error: { message: `key ${KEY} lacks scope` } } };
      return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Thing not found' } } };
    },
  });
});

afterEach(async () => {
  await fake.close();
});

function client(over: Partial<JsonHttpOptions> = {}) {
  return new JsonHttpClient({
    platform: 'testplatform',
    displayName: 'Test Platform',
    baseUrl: fake.url,
    headers: { Authorization: `Bearer ${KEY}` },
    secrets: [KEY],
    timeoutMs: 500,
    retryBaseMs: 10,
    rateLimit: false,
    ...over,
  });
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

describe('JsonHttpClient', () => {
  it('sends auth and JSON, and unwraps the data envelope', async () => {
    const data = await client().get('/things/1', { operation: 'get', query: { include: 'a,b', skip: undefined } });
    expect(data).toEqual({ id: '1', name: 'thing' });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/things/1', query: { include: 'a,b' } });
    expect(fake.calls[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.calls[0]?.headers.accept).toBe('application/json');
  });

  it('returns unwrapped bodies as they are, and undefined for an empty one', async () => {
    expect(await client().get('/bare', { operation: 'get' })).toEqual({ conversations_count: 3 });
    expect(await client().post('/empty', { operation: 'post', body: { a: 1 } })).toBeUndefined();
    expect(fake.calls[1]?.body).toEqual({ a: 1 });
    expect(fake.calls[1]?.headers['content-type']).toBe('application/json');
  });

  it('429 with a long Retry-After is handed to the queue with retryAfterMs, not waited out', async () => {
    fake.failNext(1, 429, 30);
    const started = Date.now();
    const err = await failure(client().get('/things/1', { operation: 'get' }));
    expect(err).toBeInstanceOf(RetryableError);
    expect((err as RetryableError).retryAfterMs).toBe(30_000);
    expect(err.message).toContain('429');
    expect(fake.calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('429 with a short Retry-After is retried in the call', async () => {
    fake.failNext(1, 429, 0);
    expect(await client().get('/things/1', { operation: 'get' })).toEqual({ id: '1', name: 'thing' });
    expect(fake.calls).toHaveLength(2);
  });

  it('503 once then OK succeeds after one in-call retry, counted in metrics', async () => {
    const metrics = createMetrics();
    fake.failNext(1, 503);
    expect(await client({ metrics }).get('/things/1', { operation: 'get' })).toEqual({ id: '1', name: 'thing' });
    expect(fake.calls).toHaveLength(2);
    const values = (await metrics.platformCalls.get()).values;
    const count = (outcome: string) => values.find((v) => v.labels.outcome === outcome)?.value;
    expect(count('retry')).toBe(1);
    expect(count('ok')).toBe(1);
    expect(values[0]?.labels).toMatchObject({ platform: 'testplatform', operation: 'get' });
  });

  it('persistent 5xx: two retries, then a RetryableError', async () => {
    fake.failNext(5, 502);
    const err = await failure(client().get('/things/1', { operation: 'get' }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toMatch(/Test Platform GET \/things\/1 answered 502/);
    expect(fake.calls).toHaveLength(3);
  });

  it('404 is a PermanentError naming the status and the platform message', async () => {
    const err = await failure(client().get('/things/2', { operation: 'get' }));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err.message).toBe('Test Platform GET /things/2 answered 404: Thing not found');
    expect(fake.calls).toHaveLength(1);
  });

  it('a hanging platform becomes a RetryableError within about the timeout (no in-call retry)', async () => {
    fake.down('hang');
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 500 }).get('/things/1', { operation: 'get' }));
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toContain('timed out after 500 ms');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('dropped connections are retried, then a RetryableError', async () => {
    fake.down('reset');
    const err = await failure(client().get('/things/1', { operation: 'get' }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toMatch(/^Test Platform GET \/things\/1: Test Platform unreachable at http:\/\/127\.0\.0\.1:\d+\/v1 \(/);
  });

  it('recovers when the platform comes back between retries', async () => {
    fake.down('reset');
    setTimeout(() => fake.up(), 5);
    const data = await client({ retryBaseMs: 100 }).get('/things/1', { operation: 'get' });
    expect(data).toEqual({ id: '1', name: 'thing' });
  });

  it('never puts the API key in an error message', async () => {
    echoKeyInErrors = true;
    const bad = await failure(client().get('/nope', { operation: 'get' }));
    expect(bad).toBeInstanceOf(PermanentError);
    expect(bad.message).toContain('403');
    expect(bad.message).not.toContain(KEY);
    expect(bad.message).toContain('[redacted]');

    const wrongKey = await failure(
      client({ headers: { Authorization: 'Bearer wrong' }, secrets: ['wrong'] }).get('/things/1', { operation: 'get' }),
    );
    expect(wrongKey.message).toBe('Test Platform GET /things/1 answered 401: Invalid API key');

    fake.down('hang');
    const timeout = await failure(client({ timeoutMs: 100 }).get('/things/1', { operation: 'get' }));
    for (const e of [bad, wrongKey, timeout]) expect(`${e.message} ${String(e.stack)}`).not.toContain(KEY);
  });

  it('spaces calls to the budget: 5/second, 10 calls take about a second or more', async () => {
    const http = client({ rateLimit: { requests: 5, perMs: 1_000, burst: 1 } });
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, () => http.get('/things/1', { operation: 'get' })));
    const elapsed = Date.now() - started;
    expect(fake.calls).toHaveLength(10);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('gives up with a RetryableError when the budget wait would exceed maxWaitMs', async () => {
    const http = client({ rateLimit: { requests: 2, perMs: 60_000, burst: 1, maxWaitMs: 100 } });
    await http.get('/things/1', { operation: 'get' });
    const err = await failure(http.get('/things/1', { operation: 'get' }));
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.message).toContain('budget');
    expect(fake.calls).toHaveLength(1);
  });
});

describe('TokenBucket', () => {
  it('never lets a window hold more than the budget', () => {
    const t = 0;
    const bucket = new TokenBucket({ requests: 300, perMs: 60_000 }, () => t);
    // Reserve 600 slots back to back and check every 60 s window.
    const due: number[] = [];
    for (let i = 0; i < 600; i++) due.push(t + (bucket.reserve(Number.POSITIVE_INFINITY) ?? Number.NaN));
    for (let i = 0; i < due.length; i++) {
      const start = due[i] as number;
      const inWindow = due.filter((d) => d >= start && d < start + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(300);
    }
  });
});

describe('helpers', () => {
  it('unwrap and errorDetail read the common shapes', () => {
    expect(unwrap({ data: [1] })).toEqual([1]);
    expect(unwrap([1])).toEqual([1]);
    expect(errorDetail('{"error":{"code":"X","message":"m"}}')).toBe('m');
    expect(errorDetail('{"error":"e"}')).toBe('e');
    expect(errorDetail('{"message":"msg"}')).toBe('msg');
    expect(errorDetail('{"errors":[{"message":"first"}]}')).toBe('first');
    expect(errorDetail('<html>')).toBeUndefined();
  });
});
