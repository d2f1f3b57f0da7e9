// Answers through a Slack response_url (slash commands and button clicks): POST JSON, Slack answers
// 200 "ok". A response_url works 5 times within 30 minutes, so only transient failures are retried.
import type { KnownBlock } from '@slack/types';
import { PermanentError, parseRetryAfter, RetryableError } from '../errors.js';

export interface ResponseMessage {
  text?: string;
  blocks?: KnownBlock[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
}

/**
 * Only Slack's hooks host (or the configured Slack API origin, which is a local fake in tests)
 * may receive an answer. The URL arrives in a signed request, but it then sits in Redis, and the
 * answer carries customer data: a tampered job must not be able to send it elsewhere.
 */
export function isAllowedResponseUrl(url: string, slackApiUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:' && (u.hostname === 'hooks.slack.com' || u.hostname.endsWith('.slack.com'))) return true;
  try {
    return u.origin === new URL(slackApiUrl).origin;
  } catch {
    return false;
  }
}

export interface RespondOptions {
  slackApiUrl: string;
  timeoutMs?: number;
}

/**
 * The POST got no answer (network error, timeout): Slack may have posted the message or not.
 * Still retryable, but a caller whose message must not appear twice can tell it apart.
 */
export class ResponseUrlUnanswered extends RetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, undefined, options);
    this.name = 'ResponseUrlUnanswered';
  }
}

export async function postToResponseUrl(url: string, message: ResponseMessage, opts: RespondOptions): Promise<void> {
  if (!isAllowedResponseUrl(url, opts.slackApiUrl)) throw new PermanentError('response_url is not a Slack URL');
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
  } catch (err) {
    throw new ResponseUrlUnanswered(`response_url unreachable: ${(err as Error).message}`, { cause: err });
  }
  const body = (await res.text().catch(() => '')).slice(0, 200);
  if (res.ok) return;
  if (res.status === 429 || res.status >= 500) {
    throw new RetryableError(`response_url answered ${res.status} ${body}`, parseRetryAfter(res.headers.get('retry-after')));
  }
  // 404 expired_url / no_active_hooks, 400 invalid_blocks, ...: the same request fails again.
  throw new PermanentError(`response_url answered ${res.status} ${body}`);
}
