// Whether a job has retries left. BullMQ counts attemptsMade from 0 while a handler runs and has
// already counted the failed attempt when its 'failed' event fires.
import type { Job } from 'bullmq';

type Attempts = Pick<Job, 'attemptsMade' | 'opts'>;

/** Inside a handler: this run is the job's last attempt (failing now dead-letters it). */
export function isLastAttempt(job: Attempts): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** In a 'failed' listener: no retry will follow. */
export function retriesExhausted(job: Attempts): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}
