// The Shopify Admin GraphQL client: @shopify/shopify-api underneath, our own throttling and
// error classification on top.
//
// The SDK's built-in retries are switched off (retries: 0): they sleep a fixed 1 s, treat
// Retry-After seconds as milliseconds, never look at the GraphQL cost bucket and hide attempts
// from our metrics. Here a THROTTLED answer waits exactly until the bucket can hold the query,
// a 429 waits for Retry-After, both bounded; everything else is classified and thrown at once
// so the job queue (which owns backoff) decides what happens next.
import '@shopify/shopify-api/adapters/node';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiVersion, type GraphqlClient, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { Config } from '../config.js';
import { PermanentError, RetryableError } from '../errors.js';
import { classifyShopifyError } from './classify.js';
import { toCustomerSummary, toOrderDetail, toOrderSummary } from './mappers.js';
import type { ShopifyOrderDetail, ShopifyPage } from './models.js';
import {
  CUSTOMER_RECENT_ORDERS,
  CUSTOMER_SEARCH_PAGE,
  type CustomerByEmailResult,
  type CustomerByIdResult,
  type CustomerOrdersResult,
  OPERATIONS,
  type OperationName,
  type OrderByNameResult,
  type SearchCustomersResult,
} from './operations.js';
import { installRoutingFetch, ORIGIN_HEADER } from './routing-fetch.js';
import { customerNameQuery, orderNameQuery, toGid } from './search.js';
import type { ShopifyCustomerSummary, ShopifyOrderSummary, ShopifySnapshot } from './types.js';

export type ShopifyLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface ShopifyClientDeps {
  logger?: ShopifyLogger;
  /** The container's metrics (src/metrics.ts) or anything holding a counter with these labels. */
  metrics?: { shopifyCalls: Counter<'operation' | 'outcome'> };
  /** Per HTTP request; a hung connection becomes a RetryableError after this. Default 10 s. */
  timeoutMs?: number;
  /** Attempts per call (first one included) while Shopify throttles. Default 4. */
  maxAttempts?: number;
  /** Throttle waiting allowed per call; beyond it a RetryableError (with retryAfterMs) goes to the queue. Default 10 s. */
  maxThrottleWaitMs?: number;
}

export type ShopifyConfig = Config['shopify'];

const DEFAULTS = { timeoutMs: 10_000, maxAttempts: 4, maxThrottleWaitMs: 10_000 };

export class ShopifyClient {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxThrottleWaitMs: number;

  constructor(
    private readonly cfg: ShopifyConfig,
    private readonly gql: GraphqlClient,
    private readonly deps: ShopifyClientDeps = {},
  ) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxAttempts = Math.max(1, deps.maxAttempts ?? DEFAULTS.maxAttempts);
    this.maxThrottleWaitMs = deps.maxThrottleWaitMs ?? DEFAULTS.maxThrottleWaitMs;
  }

  /** The card's data: customer, lifetime value, tags and latest orders, in one request. */
  async customerByEmail(email: string): Promise<ShopifySnapshot> {
    // Shopify stores emails lower-cased; the identifier lookup is exact.
    const normalized = email.trim().toLowerCase();
    if (!normalized) throw new PermanentError('Shopify customerByEmail: empty email');
    const data = await this.call<CustomerByEmailResult>('CustomerByEmail', { email: normalized });
    const fetchedAt = new Date().toISOString();
    if (!data.customer) return { status: 'not_found', email: normalized, fetchedAt };
    return {
      status: 'found',
      customer: toCustomerSummary(this.cfg.shop, data.customer),
      orders: data.customer.orders.nodes.map((o) => toOrderSummary(this.cfg.shop, o)),
      fetchedAt,
    };
  }

  /** "1001", "#1001" or a custom order name; null when no order has that name. */
  async orderByNumber(numberOrName: string): Promise<ShopifyOrderDetail | null> {
    const data = await this.call<OrderByNameResult>('OrderByName', { query: orderNameQuery(numberOrName) });
    const order = data.orders.nodes[0];
    return order ? toOrderDetail(this.cfg.shop, order) : null;
  }

  /** Up to `first` (default 10) customers matching every word of `name`; pageInfo says whether there are more. */
  async searchCustomers(name: string, first = CUSTOMER_SEARCH_PAGE): Promise<ShopifyPage<ShopifyCustomerSummary>> {
    const data = await this.call<SearchCustomersResult>('SearchCustomers', {
      query: customerNameQuery(name),
      first: clampPage(first),
    });
    return {
      items: data.customers.nodes.map((c) => toCustomerSummary(this.cfg.shop, c)),
      pageInfo: data.customers.pageInfo,
    };
  }

  /** A page of a customer's orders, newest first; pass pageInfo.endCursor as `after` for the next. Null if no such customer. */
  async customerOrders(
    customerId: string | number,
    page: { first?: number; after?: string | null } = {},
  ): Promise<ShopifyPage<ShopifyOrderSummary> | null> {
    const data = await this.call<CustomerOrdersResult>('CustomerOrders', {
      id: toGid('Customer', customerId),
      first: clampPage(page.first ?? 10),
      after: page.after ?? null,
    });
    if (!data.customer) return null;
    return {
      items: data.customer.orders.nodes.map((o) => toOrderSummary(this.cfg.shop, o)),
      pageInfo: data.customer.orders.pageInfo,
    };
  }

  /** A customer with their latest orders (newest first), by id or gid; null if no such customer. */
  async customerById(
    customerId: string | number,
    first = CUSTOMER_RECENT_ORDERS,
  ): Promise<{ customer: ShopifyCustomerSummary; orders: ShopifyPage<ShopifyOrderSummary> } | null> {
    const data = await this.call<CustomerByIdResult>('CustomerById', {
      id: toGid('Customer', customerId),
      first: clampPage(first),
    });
    if (!data.customer) return null;
    return {
      customer: toCustomerSummary(this.cfg.shop, data.customer),
      orders: {
        items: data.customer.orders.nodes.map((o) => toOrderSummary(this.cfg.shop, o)),
        pageInfo: data.customer.orders.pageInfo,
      },
    };
  }

  /** One operation, with bounded waiting while throttled. */
  private async call<T>(operation: OperationName, variables: Record<string, unknown>): Promise<T> {
    const started = performance.now();
    let waitedMs = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.gql.request<T>(OPERATIONS[operation], {
          variables,
          headers: this.cfg.adminApiUrl ? { [ORIGIN_HEADER]: this.cfg.adminApiUrl } : undefined,
          retries: 0,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        this.count(operation, 'ok');
        this.deps.logger?.debug({ operation, attempt, ms: Math.round(performance.now() - started) }, 'shopify call');
        return response.data as T;
      } catch (err) {
        const c = classifyShopifyError(err, operation, this.cfg.adminApiUrl ?? `https://${this.cfg.shop}`);
        if (c.kind === 'throttled') {
          this.count(operation, 'throttled');
          const fits = attempt < this.maxAttempts && waitedMs + c.waitMs <= this.maxThrottleWaitMs;
          if (fits) {
            this.deps.logger?.warn({ operation, attempt, waitMs: c.waitMs, source: c.source }, 'shopify throttled; waiting');
            await sleep(c.waitMs);
            waitedMs += c.waitMs;
            continue;
          }
          const error = new RetryableError(`Shopify ${operation}: still throttled after ${attempt} attempt(s)`, c.waitMs, {
            cause: err,
          });
          this.fail(operation, error, started);
          throw error;
        }
        this.fail(operation, c.error, started);
        throw c.error;
      }
    }
  }

  private fail(operation: OperationName, error: Error, started: number): void {
    const outcome = error instanceof PermanentError ? 'permanent_error' : 'retryable_error';
    this.count(operation, outcome);
    this.deps.logger?.warn({ operation, outcome, err: error.message, ms: Math.round(performance.now() - started) }, 'shopify call failed');
  }

  private count(operation: OperationName, outcome: string): void {
    this.deps.metrics?.shopifyCalls.inc({ operation, outcome });
  }
}

function clampPage(n: number): number {
  return Math.min(50, Math.max(1, Math.trunc(n)));
}

/** The SDK logs through console by default; send it to our logger (or nowhere). */
function sdkLogger(logger?: ShopifyLogger) {
  return {
    level: LogSeverity.Warning,
    httpRequests: false,
    log: async (severity: LogSeverity, message: string) => {
      if (!logger) return;
      const fields = { component: 'shopify-api' };
      if (severity === LogSeverity.Error) logger.error(fields, message);
      else if (severity === LogSeverity.Warning) logger.warn(fields, message);
      else logger.debug(fields, message);
    },
  };
}

export function createShopifyClient(cfg: ShopifyConfig, deps: ShopifyClientDeps = {}): ShopifyClient {
  const shopify = shopifyApi({
    // A custom store app authenticates with its Admin API token alone; the SDK still insists on
    // a secret and a host name (used for OAuth and webhooks, which handoff does not do here).
    apiSecretKey: 'unused-by-custom-store-app',
    hostName: 'localhost',
    isEmbeddedApp: false,
    isCustomStoreApp: true,
    adminApiAccessToken: cfg.accessToken,
    apiVersion: cfg.apiVersion as ApiVersion,
    logger: sdkLogger(deps.logger),
  });
  const session = shopify.session.customAppSession(cfg.shop);
  // The SDK captures the global fetch function when a Graphql client is constructed.
  installRoutingFetch();
  const gql = new shopify.clients.Graphql({ session });
  return new ShopifyClient(cfg, gql, deps);
}
