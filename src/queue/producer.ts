// Enqueues catalog jobs. Uses the fail-fast connection: an error here means "not queued", and the
// caller (a webhook route) must answer 503 rather than 2xx.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { withTimeout } from '../timeout.js';
import { JOBS, QUEUE_NAMES, type JobData, type JobName, type QueueName } from './catalog.js';

/** How long an enqueue may take before the caller is told it did not happen. */
const ENQUEUE_TIMEOUT_MS = 2000;

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  // Failed jobs are the dead-letter state: kept for `handoff dlq list|retry`.
  removeOnFail: false,
};

export class Producer {
  readonly queues: Record<QueueName, Queue>;

  constructor(
    private readonly connection: Redis,
    prefix: string,
  ) {
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })]),
    ) as Record<QueueName, Queue>;
  }

  async enqueue<N extends JobName>(name: N, data: JobData<N>, options: JobsOptions = {}): Promise<string | undefined> {
    const def = JOBS[name];
    const payload = def.schema.parse(data);
    // BullMQ waits for a connection that has never been ready instead of failing, so a Redis that
    // is down when the process starts would hang the caller: wait briefly, then fail.
    await this.whenReady(ENQUEUE_TIMEOUT_MS / 2);
    const job = await withTimeout(
      this.queues[def.queue].add(name, payload, { ...DEFAULT_JOB_OPTIONS, ...def.options, ...options }),
      ENQUEUE_TIMEOUT_MS,
      `enqueue ${name}: no answer from Redis within ${ENQUEUE_TIMEOUT_MS} ms`,
    );
    return job.id;
  }

  /**
   * Several jobs of one queue in one round trip (BullMQ addBulk). All or nothing for the caller: if
   * it throws, treat every job as not queued (any that did land are deduplicated by their job id).
   */
  async enqueueBulk<N extends JobName>(queue: QueueName, jobs: Array<{ name: N; data: JobData<N>; options: JobsOptions }>): Promise<void> {
    const bulk = jobs.map(({ name, data, options }) => {
      const def = JOBS[name];
      if (def.queue !== queue) throw new Error(`${name} belongs to queue ${def.queue}, not ${queue}`);
      return { name, data: def.schema.parse(data), opts: { ...DEFAULT_JOB_OPTIONS, ...def.options, ...options } };
    });
    if (bulk.length === 0) return;
    await this.whenReady(ENQUEUE_TIMEOUT_MS / 2);
    await withTimeout(this.queues[queue].addBulk(bulk), ENQUEUE_TIMEOUT_MS, `enqueue ${bulk.length} jobs`);
  }

  private whenReady(ms: number): Promise<void> {
    const c = this.connection;
    if (c.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        c.off('ready', onReady);
        reject(new Error(`Redis is not reachable (connection ${c.status})`));
      }, ms);
      c.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
