// The job catalog: every job name maps to its queue, a zod schema for its payload and its retry
// options. Payloads carry ids, never customer data, so Redis holds nothing worth stealing.
import { z } from 'zod';

export const QUEUE_NAMES = ['events', 'actions', 'commands', 'reports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Retries use the custom backoff in worker.ts: exponential, or the server's Retry-After when longer. */
const retrying = (attempts: number) => ({ attempts, backoff: { type: 'handoff' } });

export const JOBS = {
  /** A stored webhook delivery: parse, apply rules, enrich, store, render the card. */
  'delivery.process': {
    queue: 'events',
    schema: z.object({ deliveryId: z.string().uuid() }),
    options: retrying(10),
  },
  /** Re-queue deliveries that were stored but whose job was lost (Redis restarted without persistence). */
  'delivery.sweep': {
    queue: 'events',
    schema: z.object({}),
    options: { attempts: 1 },
  },
} as const satisfies Record<string, { queue: QueueName; schema: z.ZodType; options: object }>;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]['schema']>;
