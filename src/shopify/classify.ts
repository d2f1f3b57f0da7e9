// Turning @shopify/shopify-api's errors into what the rest of handoff understands:
// "wait this long and try again" (throttling), RetryableError, or PermanentError.
//
// With retries: 0 the SDK throws, per outcome (lib/clients/common.ts, throwFailedRequest):
//   200 + errors[]        -> GraphqlQueryError (body keeps errors and extensions.cost)
//   429                   -> HttpThrottlingError (retryAfter parsed from Retry-After, seconds)
//   5xx                   -> HttpInternalError
//   other 4xx             -> HttpResponseError
//   no response (network, timeout, refused) -> HttpRequestError
import {
  GraphqlQueryError,
  HttpInternalError,
  HttpRequestError,
  HttpResponseError,
  HttpThrottlingError,
} from '@shopify/shopify-api';
import { getHeader } from '@shopify/shopify-api/runtime';
import { PermanentError, parseRetryAfter, RetryableError } from '../errors.js';

/** When Shopify gives no hint how long to wait. */
export const DEFAULT_THROTTLE_WAIT_MS = 1000;

export type Classified =
  | { kind: 'throttled'; waitMs: number; source: 'graphql' | 'http' }
  | { kind: 'error'; error: RetryableError | PermanentError };

interface GraphQLErrorItem {
  message?: string;
  extensions?: { code?: string };
}

interface Cost {
  requestedQueryCost?: number;
  throttleStatus?: { currentlyAvailable?: number; restoreRate?: number };
}

/**
 * Wait until the bucket holds the query's cost: (requested - available) / restoreRate seconds.
 * Shopify's bucket sizes differ by plan, so nothing here assumes one.
 */
export function throttleWaitMs(cost: Cost | undefined): number {
  const requested = cost?.requestedQueryCost;
  const available = cost?.throttleStatus?.currentlyAvailable;
  const rate = cost?.throttleStatus?.restoreRate;
  if (typeof requested !== 'number' || typeof available !== 'number' || !rate || rate <= 0) {
    return DEFAULT_THROTTLE_WAIT_MS;
  }
  return Math.ceil((Math.max(0, requested - available) / rate) * 1000);
}

function graphQLErrors(err: GraphqlQueryError): GraphQLErrorItem[] {
  const list = err.body?.errors?.graphQLErrors;
  return Array.isArray(list) ? (list as GraphQLErrorItem[]) : [];
}

/** `endpoint` is where the request went (the shop, or SHOPIFY_ADMIN_API_URL), named when it cannot be reached. */
export function classifyShopifyError(err: unknown, operation: string, endpoint = 'the shop'): Classified {
  const what = `Shopify ${operation}`;

  if (err instanceof GraphqlQueryError) {
    const errors = graphQLErrors(err);
    if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
      return { kind: 'throttled', waitMs: throttleWaitMs(err.body?.extensions?.cost), source: 'graphql' };
    }
    const summary = errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message ?? ''}`).join('; ') || err.message;
    // Shopify reports its own transient failures inside a 200 as well.
    if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
      return { kind: 'error', error: new RetryableError(`${what} failed: ${summary}`, undefined, { cause: err }) };
    }
    return { kind: 'error', error: new PermanentError(`${what} failed: ${summary}`, { cause: err }) };
  }

  if (err instanceof HttpThrottlingError) {
    const header = getHeader(err.response.headers as Record<string, string | string[]> | undefined, 'Retry-After');
    const seconds = err.response.retryAfter;
    const waitMs =
      typeof seconds === 'number' && Number.isFinite(seconds)
        ? Math.max(0, seconds * 1000)
        : (parseRetryAfter(header) ?? DEFAULT_THROTTLE_WAIT_MS);
    return { kind: 'throttled', waitMs, source: 'http' };
  }

  if (err instanceof HttpInternalError) {
    return { kind: 'error', error: new RetryableError(`${what}: Shopify answered ${err.response.code}`, undefined, { cause: err }) };
  }

  if (err instanceof HttpResponseError) {
    const { code } = err.response;
    const hint = code === 401 || code === 403 ? ' (check SHOPIFY_ADMIN_ACCESS_TOKEN and the app scopes)' : '';
    return { kind: 'error', error: new PermanentError(`${what}: Shopify answered ${code}${hint}`, { cause: err }) };
  }

  if (err instanceof HttpRequestError) {
    return { kind: 'error', error: new RetryableError(`${what}: Shopify unreachable at ${endpoint} (${err.message})`, undefined, { cause: err }) };
  }

  if (err instanceof RetryableError || err instanceof PermanentError) return { kind: 'error', error: err };

  // Anything else is a bug or an unexpected SDK failure; let the queue retry it a bounded number of times.
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'error', error: new RetryableError(`${what}: ${message}`, undefined, { cause: err }) };
}
