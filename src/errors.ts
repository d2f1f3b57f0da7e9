// A small error set, classified for retry (after vercel/chat's adapter errors and openai-node's
// error classes): the queue retries RetryableError with backoff and stops on PermanentError.

/** Worth trying again: 429, 5xx, network failures. `retryAfterMs` honours the server's hint. */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** Will fail the same way again: 4xx, validation, missing configuration. */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Classify an HTTP response status from a third-party API. */
export function errorForStatus(service: string, status: number, retryAfterHeader?: string | null): Error {
  if (status === 429 || status >= 500) {
    return new RetryableError(`${service} answered ${status}`, parseRetryAfter(retryAfterHeader));
  }
  return new PermanentError(`${service} answered ${status}`);
}

/** Retry-After in seconds or an HTTP date -> milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof PermanentError) return false;
  return true;
}

/**
 * The socket-level reason under a network failure (ECONNREFUSED, ENOTFOUND, ...): fetch and the
 * SDKs wrap it in "fetch failed" / "Connection error." one or two levels down (.cause, .original).
 */
export function networkCause(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown; original?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
    e = (e.cause ?? e.original) as typeof e;
  }
  return undefined;
}
