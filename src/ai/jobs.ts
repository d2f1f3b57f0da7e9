// Jobs of the AI triage feature.
import { z } from 'zod';
import { retrying } from '../queue/options.js';

export const aiJobs = {
  /** Triage one escalation with the model, store it, re-render the card. */
  'escalation.triage': {
    queue: 'events',
    schema: z.object({ escalationId: z.string().uuid() }),
    options: retrying(4),
  },
} as const;
