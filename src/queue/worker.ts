// BullMQ workers for the catalog's queues. Handlers are looked up by job name; payloads are
// validated against the catalog schema. Retry policy lives here, in one place:
// - PermanentError -> UnrecoverableError (no more attempts; the job lands in the failed set = DLQ);
// - RetryableError -> exponential backoff, or the server's Retry-After when that is longer;
// - PacedError -> BullMQ's manual rate limit: the queue (in every process) waits, the job goes
//   back to the front of its priority without spending an attempt.
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PacedError, PermanentError, RetryableError } from '../errors.js';
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
  /**
   * A queue-wide ceiling (jobs per duration, across processes). Needed on any queue whose jobs
   * throw PacedError: BullMQ only honours a manual rate limit on a worker that has a limiter.
   */
  limiter?: Partial<Record<QueueName, { max: number; duration: number }>>;
}

/** A killed worker's lock expires after this; stalled checks run often enough to notice soon after. */
export const DEFAULT_LOCK_MS = 8000;
const STALLED_CHECK_MS = 2000;

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
    const limited = options.limiter?.[queue];
    const pauser = limited ? new Queue(queue, { connection: options.connection, prefix: options.prefix }) : undefined;
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
          if (err instanceof PacedError && pauser) {
            end({ outcome: 'paced' });
            log.debug({ waitMs: err.waitMs, reason: err.message }, 'lane paused');
            await pauser.rateLimit(Math.max(1, err.waitMs));
            throw Worker.RateLimitError();
          }
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
        // Locks are renewed at half their duration while a job runs, so a short lock only costs
        // Redis calls; it is what bounds how long a killed worker's job waits to resume.
        lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_MS,
        stalledInterval: Math.min(options.lockDurationMs ?? DEFAULT_LOCK_MS, STALLED_CHECK_MS),
        // A worker waiting for jobs blocks on Redis for `drainDelay` s; a job the lane put back
        // after a pace wait does not always wake it, so the paced lane looks again every half second.
        ...(limited ? { limiter: limited, drainDelay: 0.5 } : {}),
        settings: { backoffStrategy: (attemptsMade, _type, err) => backoffDelay(attemptsMade, err, base, max) },
      },
    );
    worker.on('failed', (job, err) => {
      if (job && retriesExhausted(job)) {
        options.logger.error({ job: job.name, jobId: job.id, err: err.message }, 'job moved to the dead-letter set');
      }
    });
    worker.on('error', (err) => options.logger.error({ queue, err: err.message }, 'worker error'));
    if (pauser) worker.on('closed', () => void pauser.close().catch(() => undefined));
    return worker;
  });
}
