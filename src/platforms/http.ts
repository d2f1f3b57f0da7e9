// JSON over HTTP for the chat platforms' REST APIs: one place for auth headers, timeouts, the
// per-platform request budget, error classification and a short in-call retry.
//
// Retry policy in two layers: a call retries itself only briefly (a blip: 5xx or a dropped
// connection, a 429 that asks for at most a couple of seconds), so a worker is never parked for
// long; anything slower becomes a RetryableError (with the server's Retry-After) and the job
// queue, which owns real backoff, tries again later. Timeouts are not retried in-call: the
// request may have landed, and three timeouts in a row would hold a worker for 3x the limit.
//
// Nothing here logs or throws the API key, request bodies or response bodies.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Counter } from 'prom-client';
import { networkCause, PermanentError, parseRetryAfter, RetryableError } from '../errors.js';
import { errorDetail, unwrap } from './shared/json.js';
import { TokenBucket } from './shared/token-bucket.js';

export { asNumber, asRecord, asText, errorDetail, unwrap } from './shared/json.js';
export { TokenBucket } from './shared/token-bucket.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PlatformMetrics {
  platformCalls: Counter<'platform' | 'operation' | 'outcome'>;
}

/** A request budget: at most `requests` per `perMs` from this process. */
export interface RateBudget {
  requests: number;
  perMs: number;
  /** Requests allowed back to back before spacing kicks in. Default: a tenth of the budget. */
  burst?: number;
  /** Longest a call waits for its turn before giving up with a RetryableError. Default 30 s. */
  maxWaitMs?: number;
}

/** Knobs shared by every platform client; tests shrink them. */
export interface HttpTuning {
  /** Per attempt, headers and body included. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts for 5xx / network errors / short 429s. Default 2. */
  retries?: number;
  /** First backoff step; doubles per retry, capped at 1 s. Default 200 ms. */
  retryBaseMs?: number;
  /** A Retry-After longer than this is handed to the queue instead of waited out. Default 2 s. */
  maxInCallRetryAfterMs?: number;
  /** The per-platform budget; `false` switches limiting off; a TokenBucket shares one between clients. */
  rateLimit?: RateBudget | TokenBucket | false;
}

export interface HttpDeps {
  metrics?: PlatformMetrics;
  logger?: HttpLogger;
  /** Defaults to the global fetch, looked up per call. */
  fetch?: typeof fetch;
}

export interface JsonHttpOptions extends HttpTuning, HttpDeps {
  /** Metrics label and log field, e.g. `oscarchat`. */
  platform: string;
  /** Used in error messages, e.g. `Oscar Chat`. */
  displayName: string;
  baseUrl: string;
  /** Auth and any fixed headers. */
  headers: Record<string, string>;
  /** Strings that must never reach an error message (the API key), scrubbed defensively. */
  secrets?: string[];
}

export interface RequestSpec {
  /** Metrics label, e.g. `assign`. */
  operation: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Overrides the client's in-call retries; 0 for a write that must not be repeated blindly. */
  retries?: number;
}

/** A 4xx other than 429: still a PermanentError, with the status so callers can treat 404 specially. */
export class PlatformHttpError extends PermanentError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PlatformHttpError';
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof PlatformHttpError && err.status === 404;
}

type Failure = {
  error: RetryableError | PermanentError;
  /** How a retry would be paced: backoff (5xx, network), server-told (429), or not at all. */
  retry: 'backoff' | 'retry-after' | 'never';
  retryAfterMs?: number;
  status?: number;
};

type Attempt = { ok: true; data: unknown } | ({ ok: false } & Failure);

export class JsonHttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly maxInCallRetryAfterMs: number;
  private readonly bucket?: TokenBucket;

  constructor(private readonly opts: JsonHttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retries = Math.max(0, opts.retries ?? 2);
    this.retryBaseMs = opts.retryBaseMs ?? 200;
    this.maxInCallRetryAfterMs = opts.maxInCallRetryAfterMs ?? 2_000;
    const rl = opts.rateLimit;
    this.bucket = rl instanceof TokenBucket ? rl : rl ? new TokenBucket(rl) : undefined;
  }

  get<T = unknown>(path: string, spec: RequestSpec): Promise<T> {
    return this.request<T>('GET', path, spec);
  }

  post<T = unknown>(path: string, spec: RequestSpec): Promise<T> {
    return this.request<T>('POST', path, spec);
  }

  put<T = unknown>(path: string, spec: RequestSpec): Promise<T> {
    return this.request<T>('PUT', path, spec);
  }

  /** One logical call: waits for the budget, retries briefly, returns the unwrapped `data`. */
  async request<T = unknown>(method: HttpMethod, path: string, spec: RequestSpec): Promise<T> {
    const what = `${this.opts.displayName} ${method} ${path}`;
    const url = this.url(path, spec.query);
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      await this.takeTurn(what, spec.operation);
      const result = await this.once(method, url, spec.body, what);
      if (result.ok) {
        this.count(spec.operation, 'ok');
        this.opts.logger?.debug(
          { platform: this.opts.platform, operation: spec.operation, attempt, ms: Math.round(performance.now() - started) },
          'platform call',
        );
        return result.data as T;
      }
      const delay = this.retryDelay(result, attempt, spec.retries);
      const log = { platform: this.opts.platform, operation: spec.operation, status: result.status, attempt };
      if (delay === undefined) {
        this.count(spec.operation, result.error instanceof PermanentError ? 'permanent_error' : 'retryable_error');
        this.opts.logger?.warn(
          { ...log, err: result.error.message, ms: Math.round(performance.now() - started) },
          'platform call failed',
        );
        throw result.error;
      }
      this.count(spec.operation, 'retry');
      this.opts.logger?.warn({ ...log, delayMs: delay }, 'platform call retrying');
      await sleep(delay);
    }
  }

  private async takeTurn(what: string, operation: string): Promise<void> {
    if (!this.bucket) return;
    const wait = this.bucket.reserve();
    if (wait === undefined) {
      this.count(operation, 'rate_limited');
      throw new RetryableError(`${what}: local request budget exhausted`, this.bucket.maxWaitMs);
    }
    if (wait > 0) await sleep(wait);
  }

  private retryDelay(f: Failure, attempt: number, retries = this.retries): number | undefined {
    if (attempt >= retries || f.retry === 'never') return undefined;
    if (f.retryAfterMs !== undefined && f.retryAfterMs > this.maxInCallRetryAfterMs) return undefined;
    if (f.retry === 'retry-after') return f.retryAfterMs; // 429 without a hint: queue's call
    const backoff = Math.min(1_000, this.retryBaseMs * 2 ** attempt);
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    return Math.max(jittered, f.retryAfterMs ?? 0);
  }

  private async once(method: HttpMethod, url: string, body: unknown, what: string): Promise<Attempt> {
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    const headers: Record<string, string> = { Accept: 'application/json', ...this.opts.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const res = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      if (res.ok) return this.success(method, text, what, res.status);
      return { ok: false, ...this.classify(res.status, res.headers.get('retry-after'), text, what) };
    } catch (err) {
      if (isTimeout(err)) {
        return {
          ok: false,
          error: new RetryableError(`${what} timed out after ${this.timeoutMs} ms`, undefined, { cause: err }),
          retry: 'never',
        };
      }
      // fetch rejects with TypeError('fetch failed') and the socket error as cause: refused, reset, DNS.
      const reason = this.scrub(networkCause(err) ?? causeMessage(err) ?? (err instanceof Error ? err.message : String(err)));
      const where = this.scrub(this.baseUrl);
      return { ok: false, error: new RetryableError(`${what}: ${this.opts.displayName} unreachable at ${where} (${reason})`), retry: 'backoff' };
    }
  }

  private success(method: HttpMethod, text: string, what: string, status: number): Attempt {
    if (!text.trim()) return { ok: true, data: undefined };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A write that answered 2xx happened; only a read needs the body.
      if (method !== 'GET') return { ok: true, data: undefined };
      return {
        ok: false,
        error: new PlatformHttpError(`${what} answered ${status} with a non-JSON body`, status),
        retry: 'never',
        status,
      };
    }
    return { ok: true, data: unwrap(parsed) };
  }

  private classify(status: number, retryAfter: string | null, text: string, what: string): Failure {
    const detail = errorDetail(text);
    const message = this.scrub(`${what} answered ${status}${detail ? `: ${detail}` : ''}`);
    const retryAfterMs = parseRetryAfter(retryAfter);
    if (status === 429) return { error: new RetryableError(message, retryAfterMs), retry: 'retry-after', retryAfterMs, status };
    if (status >= 500) return { error: new RetryableError(message, retryAfterMs), retry: 'backoff', retryAfterMs, status };
    return { error: new PlatformHttpError(message, status), retry: 'never', status };
  }

  private url(path: string, query?: RequestSpec['query']): string {
    const u = new URL(`${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  private scrub(s: string): string {
    let out = s;
    for (const secret of this.opts.secrets ?? []) if (secret) out = out.split(secret).join('[redacted]');
    return out;
  }

  private count(operation: string, outcome: string): void {
    this.opts.metrics?.platformCalls.inc({ platform: this.opts.platform, operation, outcome });
  }
}

function isTimeout(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'TimeoutError' || (err.name === 'AbortError' && String(err.message).includes('timeout')))
  );
}

function causeMessage(err: unknown): string | undefined {
  const cause = err instanceof Error ? (err.cause as { message?: unknown } | undefined) : undefined;
  return typeof cause?.message === 'string' ? cause.message : undefined;
}
