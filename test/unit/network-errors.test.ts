// A dependency that cannot be reached is named by the URL handoff tried, so the person reading the
// log knows which setting to check. Each client is pointed at a closed local port.
import { beforeAll, describe, expect, it } from 'vitest';
import { TriageClient } from '../../src/ai/triage.js';
import { RetryableError } from '../../src/errors.js';
import { JsonHttpClient } from '../../src/platforms/http.js';
import { createShopifyClient } from '../../src/shopify/client.js';
import { createSlackClient, slackCall } from '../../src/slack/client.js';
import { freePort } from '../helpers/redis-server.js';

let closed: string;
beforeAll(async () => {
  closed = `http://127.0.0.1:${await freePort()}`;
});

async function failure(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RetryableError);
  return err as Error;
}

describe('an unreachable dependency is named by URL', () => {
  it('Slack', async () => {
    const slack = createSlackClient({
      botToken: 'xoxb-test',
      signingSecret: 'secret-secret',
      apiUrl: `${closed}/api/`,
      escalationChannel: 'C0ESCALATE',
      reportChannel: 'C0REPORTS1',
      shareChannels: [],
    });
    const err = await failure(slackCall(() => slack.auth.test()));
    expect(err.message).toBe(`Slack unreachable at ${closed}/api/auth.test (ECONNREFUSED)`);
  });

  it('Shopify', async () => {
    const shopify = createShopifyClient({ shop: 'handoff-test.myshopify.com', accessToken: 'shpat_x', apiVersion: '2025-01', adminApiUrl: closed });
    const err = await failure(shopify.customerByEmail('ada@example.com'));
    expect(err.message).toContain(`Shopify unreachable at ${closed} (`);
  });

  it('OpenAI', async () => {
    const client = new TriageClient({ apiKey: 'sk-test', baseUrl: `${closed}/v1`, model: 'gpt-4o-mini' });
    const err = await failure(
      client.triage({ reason: 'customer_requested_human', lastMessage: 'help', transcript: [], priority: 'normal' }),
    );
    expect(err.message).toBe(`OpenAI unreachable at ${closed}/v1 (ECONNREFUSED)`);
  });

  it('a chat platform API', async () => {
    const api = new JsonHttpClient({
      platform: 'oscarchat',
      displayName: 'Oscar Chat',
      baseUrl: `${closed}/v1`,
      headers: { Authorization: 'Bearer sk_SECRET' },
      secrets: ['sk_SECRET'],
      timeoutMs: 1000,
      retries: 0,
    });
    const err = await failure(api.get('/conversations/c1', { operation: 'lookup' }));
    expect(err.message).toBe(`Oscar Chat GET /conversations/c1: Oscar Chat unreachable at ${closed}/v1 (ECONNREFUSED)`);
  });
});
