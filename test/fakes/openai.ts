// A local fake of the OpenAI Chat Completions endpoint: answers POST /v1/chat/completions in the
// documented wire format with a JSON message content, and records each request for assertions.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOpenAi {
  url: string;
  requests: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }>;
  /** The JSON object the model "returns" as message content. */
  answer: Record<string, unknown>;
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(apiKey = 'sk-test'): Promise<FakeOpenAi> {
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  const fake: FakeOpenAi = {
    url: '',
    requests: [],
    answer: { summary: 'Customer was charged twice and wants a refund.', category: 'refund', suggestedPriority: 'urgent', sentiment: 'negative' },
    failNext(n, status, retryAfterSeconds) {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    close: async () => undefined,
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(404, { error: { message: 'not found', type: 'invalid_request_error' } });
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    fake.requests.push({ headers: req.headers, body });
    const failure = failures.shift();
    if (failure) {
      return send(failure.status, { error: { message: 'fake failure', type: 'server_error' } }, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
    }
    send(200, {
      id: `chatcmpl-${fake.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        { index: 0, message: { role: 'assistant', content: JSON.stringify(fake.answer), refusal: null }, logprobs: null, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
