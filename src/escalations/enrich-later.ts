// Shopify later, not never: when Shopify throttles or is down, the card goes out at once with a
// "Shopify is busy" line (a `pending` snapshot) and this job fills the orders in when Shopify
// answers. Its retries follow the queue's backoff, which honours the cost bucket's restore time or
// Retry-After carried by the client's RetryableError. After a long window it gives up and the card
// says so.
import { z } from 'zod';
import type { Container } from '../container.js';
import type { Prisma } from '../db/client.js';
import { formatDuration } from '../duration.js';
import { RetryableError } from '../errors.js';
import type { Feature } from '../features/index.js';
import { isLastAttempt } from '../queue/attempts.js';
import { retrying } from '../queue/options.js';
import type { ShopifySnapshot } from '../shopify/types.js';
import { STATUS } from '../vocabulary.js';

/** How long handoff keeps trying before the card says Shopify could not be reached. */
export const ENRICH_GIVE_UP_MS = 30 * 60 * 1000;

export const enrichJobs = {
  /** Fill in a card's Shopify data that was pending when the card went out. */
  'escalation.enrich': {
    queue: 'events',
    schema: z.object({ escalationId: z.string().uuid(), since: z.string() }),
    // Enough attempts to span the give-up window at the queue's capped backoff.
    options: retrying(40),
  },
} as const;

export const enrichLaterFeature: Feature = {
  name: 'enrich-later',
  setup(c: Container) {
    const giveUpMs = c.tuning.enrichGiveUpMs ?? ENRICH_GIVE_UP_MS;
    c.cards.onPublished(async (esc) => {
      const snapshot = esc.shopify as ShopifySnapshot | null;
      if (snapshot?.status !== 'pending' || esc.status === STATUS.resolved) return;
      // One job per pending period: the same `since` never queues twice.
      await c.producer.enqueue(
        'escalation.enrich',
        { escalationId: esc.id, since: snapshot.since },
        { jobId: `enrich-${esc.id}-${Date.parse(snapshot.since)}`, delay: snapshot.retryAfterMs ?? 1000 },
      );
    });
    c.handlers['escalation.enrich'] = async ({ escalationId, since }, { job, log }) => {
      const esc = await c.db.escalation.findUnique({ where: { id: escalationId } });
      const snapshot = esc?.shopify as ShopifySnapshot | null | undefined;
      if (!esc?.customerEmail || snapshot?.status !== 'pending' || snapshot.since !== since) return 'not pending';
      let next: ShopifySnapshot;
      try {
        next = await c.shopify.customerByEmail(esc.customerEmail);
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof RetryableError && !isLastAttempt(job) && Date.now() - Date.parse(since) < giveUpMs) throw err;
        next = { status: 'error', error: `gave up after ${formatDuration(Date.now() - Date.parse(since), 'rounded')}: ${message}`, fetchedAt: new Date().toISOString() };
      }
      // Only if still pending from the same period: a re-escalation may have fetched it meanwhile.
      const saved = await c.db.escalation.updateMany({
        where: { id: escalationId, shopify: { path: ['since'], equals: since } },
        data: { shopify: next as unknown as Prisma.InputJsonValue },
      });
      if (saved.count === 0) return 'superseded';
      await c.cards.request(escalationId, 'normal', log);
      return next.status;
    };
  },
};
