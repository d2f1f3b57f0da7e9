// The Slack Web API client handoff uses outside Bolt's listeners. Retries belong to the queue, not
// to the SDK: the SDK must neither retry on its own nor sleep through a Retry-After (it would hold a
// worker for up to half an hour); a 429 becomes a RetryableError carrying Retry-After instead.
import { ErrorCode, LogLevel, type WebAPICallResult, WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import { networkCause, PermanentError, RetryableError } from '../errors.js';
import type { Metrics } from '../metrics.js';

/** One Slack call gives up after this: a card poster that took its lease is done with Slack by then. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

export function createSlackClient(cfg: Config['slack'], metrics?: Metrics): WebClient {
  const options = {
    slackApiUrl: cfg.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_CALL_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  };
  return new CountingWebClient(cfg.botToken, options, metrics);
}

/**
 * Counts every call by method and outcome, and notes on a network error the URL it tried (the
 * SDK's RequestError does not say). A subclass, because the SDK binds each method
 * (chat.postMessage, ...) to `apiCall` when it is constructed.
 */
class CountingWebClient extends WebClient {
  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly metrics?: Metrics,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    try {
      const result = await super.apiCall(method, options);
      this.metrics?.slackCalls.inc({ method, outcome: 'ok' });
      return result;
    } catch (err) {
      this.metrics?.slackCalls.inc({ method, outcome: slackErrorCode(err) });
      if ((err as { code?: string }).code === ErrorCode.RequestError) Object.assign(err as object, { triedUrl: `${this.slackApiUrl}${method}` });
      throw err;
    }
  }
}

/** True when Slack itself answered with a refusal (429 or ok:false), so the call had no effect. */
export function slackAnswered(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === ErrorCode.RateLimitedError || code === ErrorCode.PlatformError;
}

/** Connection errors that happen before a request is sent: Slack cannot have acted on the call. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when the call never reached Slack (refused, no route, no DNS), so it cannot have posted anything. */
export function slackNeverReached(err: unknown): boolean {
  const e = err as { code?: string; original?: { code?: string; cause?: { code?: string } } };
  if (e.code !== ErrorCode.RequestError) return false;
  const code = e.original?.code ?? e.original?.cause?.code;
  return code !== undefined && NOT_SENT_CODES.has(code);
}

const RETRYABLE_PLATFORM_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

function slackErrorCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (e.code === ErrorCode.PlatformError) return e.data?.error ?? 'platform_error';
  if (e.code === ErrorCode.HTTPError) return 'http_error';
  if (e.code === ErrorCode.RequestError) return 'network_error';
  return 'error';
}

/** Turn an SDK error into handoff's retry classification. */
export function classifySlackError(err: unknown): Error {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; triedUrl?: string };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new RetryableError('Slack rate limited the call', (e.retryAfter ?? 1) * 1000, { cause: err });
    case ErrorCode.RequestError:
      return new RetryableError(`Slack unreachable at ${e.triedUrl ?? 'SLACK_API_URL'} (${networkCause(err) ?? 'network error'})`, undefined, { cause: err });
    case ErrorCode.HTTPError:
      return (e.statusCode ?? 500) >= 500
        ? new RetryableError(`Slack answered HTTP ${e.statusCode}`, undefined, { cause: err })
        : new PermanentError(`Slack answered HTTP ${e.statusCode}`, { cause: err });
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      return RETRYABLE_PLATFORM_ERRORS.has(code)
        ? new RetryableError(`Slack error: ${code}`, undefined, { cause: err })
        : new PermanentError(`Slack error: ${code}`, { cause: err });
    }
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}

/** Run a Slack call, rethrowing classified errors. */
export async function slackCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifySlackError(err);
  }
}
