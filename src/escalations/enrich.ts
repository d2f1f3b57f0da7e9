// Shopify enrichment for an escalation. It never blocks the card: an unknown customer or an
// unreachable Shopify becomes part of the snapshot, and the card says so.
import type { Escalation } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ShopifySnapshot } from '../shopify/types.js';

export interface CustomerLookup {
  customerByEmail(email: string): Promise<ShopifySnapshot>;
}

/** A snapshot younger than this is reused when the same conversation escalates again. */
const REUSE_MS = 10 * 60 * 1000;

export class Enricher {
  constructor(private readonly shopify: CustomerLookup) {}

  async snapshotFor(email: string | undefined, existing: Pick<Escalation, 'customerEmail' | 'shopify'> | null, log: Logger): Promise<ShopifySnapshot> {
    if (!email) return { status: 'skipped', reason: 'no customer email in the conversation' };
    const previous = existing?.shopify as ShopifySnapshot | null | undefined;
    if (
      previous?.status === 'found' &&
      existing?.customerEmail?.toLowerCase() === email.toLowerCase() &&
      Date.now() - Date.parse(previous.fetchedAt) < REUSE_MS
    ) {
      return previous;
    }
    try {
      return await this.shopify.customerByEmail(email);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof RetryableError) {
        // Throttled, 5xx or unreachable: the card goes out now and a background job fills it in.
        log.warn({ err: message }, 'Shopify busy; posting the card now and filling it in later');
        return { status: 'pending', reason: message, since: new Date().toISOString(), retryAfterMs: err.retryAfterMs };
      }
      log.warn({ err: message }, 'Shopify enrichment failed; posting the card without it');
      return { status: 'error', error: message, fetchedAt: new Date().toISOString() };
    }
  }
}
