// The job catalog: every job name maps to its queue, a zod schema for its payload and its retry
// options. Payloads carry ids, never customer data, so Redis holds nothing worth stealing.
// Each feature declares its own jobs next to its code; this file only puts them together.
import { z } from 'zod';
import { actionJobs } from '../actions/jobs.js';
import { aiJobs } from '../ai/jobs.js';
import { commandJobs } from '../commands/jobs.js';
import { conversationJobs } from '../conversation/jobs.js';
import { enrichJobs } from '../escalations/enrich-later.js';
import { privacyJobs } from '../privacy/jobs.js';
import { reportJobs } from '../reports/jobs.js';
import { cardJobs } from '../slack/card-jobs.js';
import { slaJobs } from '../sla/jobs.js';
import { type QueueName, retrying } from './options.js';

export { QUEUE_NAMES, type QueueName } from './options.js';

export type JobDefinition = { queue: QueueName; schema: z.ZodType; options: object };

const deliveryJobs = {
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
} as const satisfies Record<string, JobDefinition>;

export const JOBS = {
  ...deliveryJobs,
  ...actionJobs,
  ...commandJobs,
  ...reportJobs,
  ...aiJobs,
  ...enrichJobs,
  ...privacyJobs,
  ...conversationJobs,
  ...cardJobs,
  ...slaJobs,
} as const;

export type JobName = keyof typeof JOBS;
export type JobData<N extends JobName> = z.infer<(typeof JOBS)[N]['schema']>;
