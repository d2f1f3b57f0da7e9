// Jobs of the customer-data feature.
import { z } from 'zod';

export const privacyJobs = {
  /** Daily: erase raw webhook bodies and drop finished/failed jobs older than RETENTION_DAYS. */
  'retention.run': {
    queue: 'events',
    schema: z.object({}),
    options: { attempts: 3, backoff: { type: 'handoff' } },
  },
} as const;
