// Retention: raw webhook bodies (chat text, names, emails) and finished or failed BullMQ jobs are
// kept RETENTION_DAYS, then deleted. A delivery row keeps its (platform, deliveryKey) after its
// body is erased, so a duplicate arriving later is still recognised and has no second effect.
// Escalation rows stay: the weekly report reads them.
import type { Queue } from 'bullmq';
import { type Db, Prisma } from '../db/client.js';

const DAY_MS = 24 * 3600_000;
/** Jobs removed per clean call; cleaning loops until a call removes fewer. */
const CLEAN_BATCH = 1000;

export interface RetentionResult {
  /** Deliveries whose raw body (and headers) were erased. */
  bodies: number;
  /** Completed and failed jobs removed, per queue. */
  jobs: Record<string, number>;
}

export const retentionMs = (days: number) => days * DAY_MS;

/** Erase and remove what is older than `maxAgeMs` (RETENTION_DAYS in ms; BullMQ's clean measures from now). */
export async function runRetention(deps: { db: Db; queues: Record<string, Queue> }, maxAgeMs: number): Promise<RetentionResult> {
  const cutoff = new Date(Date.now() - maxAgeMs);
  const erased = await deps.db.webhookDelivery.updateMany({
    where: { receivedAt: { lt: cutoff }, body: { not: null } },
    data: { body: null, headers: Prisma.DbNull },
  });
  const jobs: Record<string, number> = {};
  for (const [name, queue] of Object.entries(deps.queues)) {
    let removed = 0;
    for (const state of ['completed', 'failed'] as const) {
      for (;;) {
        const ids = await queue.clean(maxAgeMs, CLEAN_BATCH, state);
        removed += ids.length;
        if (ids.length < CLEAN_BATCH) break;
      }
    }
    jobs[name] = removed;
  }
  return { bodies: erased.count, jobs };
}
