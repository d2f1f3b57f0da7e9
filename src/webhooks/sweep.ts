// delivery.sweep: deliveries kept in PostgreSQL but never processed get queued again (Redis lost
// their job). Only those with no live job: one waiting, delayed for its retry or running is left
// alone, and one in the failed set is the dead-letter queue's (`handoff dlq retry`).
import type { Db } from '../db/client.js';
import type { Producer } from '../queue/producer.js';
import { enqueueDelivery } from './ingest.js';
import { findStrandedDeliveries } from './process.js';

export async function sweepStrandedDeliveries(db: Db, producer: Producer, olderThanMs: number): Promise<string[]> {
  const requeued: string[] = [];
  for (const id of await findStrandedDeliveries(db, olderThanMs)) {
    const job = await producer.queues.events.getJob(`delivery-${id}`);
    if (job) {
      const state = await job.getState();
      if (state !== 'completed' && state !== 'unknown') continue;
      // Completed, yet the delivery is unprocessed: the same job id would be ignored, so clear it.
      if (state === 'completed') await job.remove();
    }
    await enqueueDelivery(producer, id);
    requeued.push(id);
  }
  return requeued;
}
