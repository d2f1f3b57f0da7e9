// Posting to a response_url: where it may go, and how Slack's answers are classified for retry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedResponseUrl, postToResponseUrl } from '../../../src/commands/respond.js';
import { PermanentError, RetryableError } from '../../../src/errors.js';

describe('isAllowedResponseUrl', () => {
  const api = 'https://slack.com/api/';
  it("allows Slack's hooks host and the configured Slack API origin", () => {
    expect(isAllowedResponseUrl('https://hooks.slack.com/commands/T1/2/abc', api)).toBe(true);
    expect(isAllowedResponseUrl('http://127.0.0.1:4000/response/x', 'http://127.0.0.1:4000/api/')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const url of [
      'http://hooks.slack.com/commands/x', // not https
      'https://hooks.slack.com.evil.example/x',
      'https://evil.example/?https://hooks.slack.com/',
      'http://127.0.0.1:4001/response/x',
      'not a url',
    ]) {
      expect(isAllowedResponseUrl(url, api), url).toBe(false);
    }
    expect(isAllowedResponseUrl('http://127.0.0.1:4001/response/x', 'http://127.0.0.1:4000/api/')).toBe(false);
  });
});

describe('postToResponseUrl', () => {
  let server: Server;
  let base = '';
  const received: Array<{ path: string; body: unknown; type?: string }> = [];
  /** path -> [status, body, headers] */
  const answers: Record<string, [number, string, Record<string, string>?]> = {
    '/ok': [200, 'ok'],
    '/expired': [404, 'expired_url'],
    '/busy': [429, 'rate_limited', { 'retry-after': '3' }],
    '/broken': [502, 'bad gateway'],
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(raw), type: req.headers['content-type'] });
        const [status, body, headers] = answers[req.url ?? ''] ?? [500, 'no'];
        res.writeHead(status, headers).end(body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const opts = () => ({ slackApiUrl: `${base}/api/`, timeoutMs: 2000 });

  it('POSTs the message as JSON', async () => {
    await postToResponseUrl(`${base}/ok`, { text: 'hi', response_type: 'ephemeral' }, opts());
    expect(received.at(-1)).toEqual({
      path: '/ok',
      body: { text: 'hi', response_type: 'ephemeral' },
      type: 'application/json; charset=utf-8',
    });
  });

  it('gives up on 4xx (expired or invalid), retries 429 with Retry-After and 5xx', async () => {
    await expect(postToResponseUrl(`${base}/expired`, { text: 'x' }, opts())).rejects.toBeInstanceOf(PermanentError);
    const busy = await postToResponseUrl(`${base}/busy`, { text: 'x' }, opts()).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(RetryableError);
    expect((busy as RetryableError).retryAfterMs).toBe(3000);
    await expect(postToResponseUrl(`${base}/broken`, { text: 'x' }, opts())).rejects.toBeInstanceOf(RetryableError);
  });

  it('treats an unreachable URL as retryable and a foreign one as permanent, without sending', async () => {
    const before = received.length;
    await expect(postToResponseUrl('https://evil.example/x', { text: 'secret' }, opts())).rejects.toBeInstanceOf(PermanentError);
    expect(received.length).toBe(before);
    await expect(
      postToResponseUrl('http://127.0.0.1:9/response/x', { text: 'x' }, { slackApiUrl: 'http://127.0.0.1:9/api/' }),
    ).rejects.toBeInstanceOf(RetryableError);
  });
});
