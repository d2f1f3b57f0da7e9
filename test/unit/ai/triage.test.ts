import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageClient, triagePrompt } from '../../../src/ai/triage.js';
import { PermanentError, RetryableError } from '../../../src/errors.js';
import { type FakeOpenAi, startFakeOpenAi } from '../../fakes/openai.js';
import { validateOpenAiRequest } from '../../helpers/openai-spec.js';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi('sk-test');
});
afterAll(() => fake.close());

const esc = {
  reason: 'customer_requested_human',
  lastMessage: 'I was charged twice for order #1042 and I want a refund',
  transcript: [{ author: 'customer', text: 'hello' }],
  priority: 'urgent',
};

describe('triage prompt', () => {
  it('bounds what it sends', () => {
    const long = { ...esc, lastMessage: 'x'.repeat(10_000), transcript: Array.from({ length: 50 }, (_, i) => ({ author: 'customer', text: `line ${i}` })) };
    const prompt = triagePrompt(long);
    expect(prompt.length).toBeLessThan(2000 + 12 * 520 + 300);
    expect(prompt).toContain('line 49');
    expect(prompt).not.toContain('line 37');
  });
});

describe('triage prompt privacy', () => {
  it('masks the customer’s email, phone, address and name', () => {
    const prompt = triagePrompt({
      ...esc,
      customerName: 'Maria Keller',
      customerEmail: 'maria@example.com',
      lastMessage: 'Maria Keller, maria@example.com, +44 20 7946 0958, 10 Downing Street: refund #1042',
    });
    expect(prompt).not.toMatch(/Maria|Keller|maria@example\.com|7946|Downing/);
    expect(prompt).toContain('#1042');
  });
});

describe('TriageClient against a fake OpenAI', () => {
  it('suggests only configured labels, at most three, once each', async () => {
    const client = new TriageClient({ apiKey: 'sk-test', baseUrl: fake.url, model: 'gpt-4o-mini' }, { labels: ['refund', 'shipping', 'vip', 'bug'] });
    fake.answer = { ...fake.answer, suggestedLabels: ['refund', 'refund', 'shipping', 'vip', 'bug'] };
    const triage = await client.triage(esc);
    expect(triage.suggestedLabels).toEqual(['refund', 'shipping', 'vip']);
    const schema = JSON.stringify(fake.requests.at(-1)?.body.response_format);
    expect(schema).toContain('"enum":["refund","shipping","vip","bug"]');
    fake.answer = { ...fake.answer, suggestedLabels: ['not-configured'] };
    expect(await client.triage(esc).catch((e) => e)).toBeInstanceOf(PermanentError);
    fake.answer = { ...fake.answer, suggestedLabels: [] };
  });

  it('sends a spec-valid Chat Completions request with a strict JSON schema and parses the answer', async () => {
    const client = new TriageClient({ apiKey: 'sk-test', baseUrl: fake.url, model: 'gpt-4o-mini' });
    const triage = await client.triage(esc);
    const { suggestedLabels: _none, ...expected } = fake.answer;
    expect(triage).toMatchObject(expected);
    expect(triage.usage?.promptTokens).toBeGreaterThan(0);
    expect(triage.suggestedLabels).toBeUndefined();
    const body = fake.requests.at(-1)?.body;
    expect(validateOpenAiRequest('CreateChatCompletionRequest', body)).toEqual([]);
    // ...and the validator does reject what the API would refuse.
    expect(validateOpenAiRequest('CreateChatCompletionRequest', { model: 'gpt-4o-mini', messages: [{ role: 'wizard' }] })).not.toEqual([]);
    expect(body).toMatchObject({ model: 'gpt-4o-mini', response_format: { type: 'json_schema', json_schema: { name: 'triage', strict: true } } });
  });

  it('classifies failures for the queue', async () => {
    const client = new TriageClient({ apiKey: 'sk-test', baseUrl: fake.url, model: 'gpt-4o-mini' });
    fake.failNext(1, 429, 7);
    const limited = await client.triage(esc).catch((e) => e);
    expect(limited).toBeInstanceOf(RetryableError);
    expect(limited.retryAfterMs).toBe(7000);
    fake.failNext(1, 500);
    expect(await client.triage(esc).catch((e) => e)).toBeInstanceOf(RetryableError);
    const wrongKey = new TriageClient({ apiKey: 'sk-wrong', baseUrl: fake.url, model: 'gpt-4o-mini' });
    expect(await wrongKey.triage(esc).catch((e) => e)).toBeInstanceOf(PermanentError);
    fake.answer = { summary: 'x', category: 'not-a-category', suggestedPriority: 'urgent', sentiment: 'neutral' };
    expect(await client.triage(esc).catch((e) => e)).toBeInstanceOf(PermanentError);
  });

  it('reports an unreachable endpoint as retryable', async () => {
    const client = new TriageClient({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:1/v1', model: 'gpt-4o-mini' });
    expect(await client.triage(esc).catch((e) => e)).toBeInstanceOf(RetryableError);
  });
});
