// Enqueues catalog jobs. Uses the fail-fast connection: an error here means "not queued", and the
// caller (a webhook route) must answer 503 rather than 2xx.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, QUEUE_NAMES, type JobData, type JobName, type QueueName } from './catalog.js';

export class Producer {
  readonly queues: Record<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
    ) as Record<QueueName, Queue>;
  }

  async enqueue<N extends JobName>(name: N, data: JobData<N>, options: JobsOptions = {}): Promise<string | undefined> {
    const def = JOBS[name];
    const payload = def.schema.parse(data);
    const job = await this.queues[def.queue].add(name, payload, {
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      // Failed jobs are the dead-letter state: kept for `handoff dlq list|retry`.
      removeOnFail: false,
      ...def.options,
      ...options,
    });
    return job.id;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
