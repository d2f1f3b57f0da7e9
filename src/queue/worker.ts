// BullMQ workers for the catalog's queues. Handlers are looked up by job name; payloads are
// validated against the catalog schema. Retry policy lives here, in one place:
// - PermanentError -> UnrecoverableError (no more attempts; the job lands in the failed set = DLQ);
// - RetryableError -> exponential backoff, or the server's Retry-After when that is longer.
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { JOBS, type JobData, type JobName, type QueueName } from './catalog.js';
import { retriesExhausted } from './attempts.js';

export type JobHandler<N extends JobName> = (data: JobData<N>, ctx: { job: Job; log: Logger }) => Promise<unknown>;
export type JobHandlers = { [N in JobName]?: JobHandler<N> };

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  concurrency?: Partial<Record<QueueName, number>>;
  /** Base delay of the exponential backoff (ms). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** BullMQ lock duration; a crashed worker's job is picked up again after about this long. */
  lockDurationMs?: number;
}

export function backoffDelay(attemptsMade: number, err: Error | undefined, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const jitter = Math.floor(Math.random() * baseMs * 0.2);
  const hinted = err instanceof RetryableError && err.retryAfterMs !== undefined ? err.retryAfterMs : 0;
  return Math.max(exponential + jitter, hinted);
}

export function startWorkers(queues: QueueName[], handlers: JobHandlers, options: WorkerOptions): Worker[] {
  const base = options.backoffBaseMs ?? 1000;
  const max = options.backoffMaxMs ?? 10 * 60 * 1000;
  return queues.map((queue) => {
    const worker = new Worker(
      queue,
      async (job) => {
        const name = job.name as JobName;
        const def = JOBS[name];
        const handler = handlers[name] as JobHandler<JobName> | undefined;
        if (!def || !handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
        const log = options.logger.child({ job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 });
        const end = options.metrics.jobDuration.startTimer({ job: job.name });
        try {
          const data = def.schema.parse(job.data) as JobData<JobName>;
          const result = await handler(data, { job, log });
          end({ outcome: 'ok' });
          return result;
        } catch (err) {
          const permanent = err instanceof PermanentError || (err as Error)?.name === 'ZodError';
          end({ outcome: permanent ? 'permanent_error' : 'retryable_error' });
          log.warn({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'job failed');
          if (permanent) throw new UnrecoverableError((err as Error).message);
          throw err;
        }
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: options.concurrency?.[queue] ?? 5,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: Math.min(options.lockDurationMs ?? 30_000, 30_000),
        settings: { backoffStrategy: (attemptsMade, _type, err) => backoffDelay(attemptsMade, err, base, max) },
      },
    );
    worker.on('failed', (job, err) => {
      if (job && retriesExhausted(job)) {
        options.logger.error({ job: job.name, jobId: job.id, err: err.message }, 'job moved to the dead-letter set');
      }
    });
    worker.on('error', (err) => options.logger.error({ queue, err: err.message }, 'worker error'));
    return worker;
  });
}
