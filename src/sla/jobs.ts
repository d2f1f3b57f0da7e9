// Jobs of the service-level feature. A due job is a delayed job per (escalation, kind, deadline):
// its id names all three, so scheduling the same deadline twice (every card publish does) adds
// nothing, and a new deadline (reopen, release, priority change) is a new job. A flush delivers
// the reminders that came due together, as one summary when there are many.
import { z } from 'zod';
import { retrying } from '../queue/options.js';
import { SLA_KINDS, type SlaKind } from '../vocabulary.js';

export type { SlaKind };

export const slaJobs = {
  'sla.due': {
    queue: 'sla',
    schema: z.object({ escalationId: z.string().uuid(), kind: z.enum(SLA_KINDS), dueAt: z.iso.datetime() }),
    options: retrying(10),
  },
  'sla.flush': {
    queue: 'sla',
    schema: z.object({}),
    options: retrying(10),
  },
} as const;

/** BullMQ job id of a deadline (no ':' in custom ids). */
export function dueJobId(escalationId: string, kind: SlaKind, dueAt: Date): string {
  return `sla-${kind}-${escalationId}-${dueAt.getTime()}`;
}
