// A local fake of the OpenAI Chat Completions endpoint: answers POST /v1/chat/completions in the
// documented wire format with a JSON message content, and records each request for assertions.
// Every request body is validated against OpenAI's published spec (test/contracts/openai): one the
// API would refuse gets the API's 400. The answer is chosen by the structured-output schema name
// (`triage`, `reply_draft`, ...); usage is estimated at ~4 characters a token, like the tokenizer
// does on English text, so the bench's cost estimate follows the real prompt size.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateOpenAiRequest } from '../helpers/openai-spec.js';

type Answer = Record<string, unknown> | ((body: Record<string, unknown>) => Record<string, unknown>);

export interface FakeOpenAi {
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }>;
  /** The JSON object the model "returns" as message content for the triage schema. */
  answer: Record<string, unknown>;
  /** Answers by json_schema name (takes precedence over `answer`). */
  answers: Record<string, Answer>;
  /** Milliseconds before each answer (a slow model). */
  delayMs: number;
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** Drop the failures failNext queued and not yet used. */
  clearFailures(): void;
  /** Requests whose response_format schema has this name. */
  requestsFor(schemaName: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const tokens = (s: string) => Math.ceil(s.length / 4);

function schemaName(body: Record<string, unknown>): string | undefined {
  const rf = body.response_format as { json_schema?: { name?: string } } | undefined;
  return rf?.json_schema?.name;
}

export async function startFakeOpenAi(apiKey = 'sk-test'): Promise<FakeOpenAi> {
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  const fake: FakeOpenAi = {
    url: '',
    requests: [],
    answer: { summary: 'Customer was charged twice and wants a refund.', category: 'refund', suggestedPriority: 'urgent', sentiment: 'negative', suggestedLabels: [] },
    answers: {},
    delayMs: 0,
    failNext(n, status, retryAfterSeconds) {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    clearFailures() {
      failures.length = 0;
    },
    requestsFor: (name) => fake.requests.map((r) => r.body).filter((b) => schemaName(b) === name),
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found', type: 'invalid_request_error' } });
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = JSON.parse(raw) as Record<string, unknown>;
    fake.requests.push({ headers: req.headers, body });
    const invalid = validateOpenAiRequest('CreateChatCompletionRequest', body);
    if (invalid.length) return send(400, { error: { message: invalid.join('; '), type: 'invalid_request_error' } });
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    const failure = failures.shift();
    if (failure) {
      return send(failure.status, { error: { message: 'fake failure', type: 'server_error' } }, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
    }
    const name = schemaName(body);
    const chosen = (name && fake.answers[name]) || fake.answer;
    const content = JSON.stringify(typeof chosen === 'function' ? chosen(body) : chosen);
    const promptTokens = tokens(JSON.stringify(body.messages)) + tokens(JSON.stringify(body.response_format ?? ''));
    const completionTokens = tokens(content);
    send(200, {
      id: `chatcmpl-${fake.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
