// Jobs of the weekly report feature.
import { z } from 'zod';
import { retrying } from '../queue/options.js';

export const reportJobs = {
  /**
   * Build and post one week's report to one channel, at most once (ReportRun decides). Without a
   * week: the last complete week in REPORT_TIMEZONE (what the Monday schedule sends). Without a
   * channel: SLACK_REPORT_CHANNEL. A retry after the message went out only redoes the chart upload.
   */
  'report.weekly': {
    queue: 'reports',
    schema: z.object({
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/)
        .optional(),
      channel: z.string().min(1).optional(),
    }),
    options: retrying(8),
  },
} as const;
