// The weekly report as a feature: the job that builds and posts it, and the schedule (with
// catch-up) that workers set up when they start.
import type { Feature } from '../features/index.js';
import { postReportOnce } from './post.js';
import { scheduleWeeklyReport } from './schedule.js';
import { previousWeek } from './week.js';

export const reportsFeature: Feature = {
  name: 'reports',
  jobs: (c) => ({
    'report.weekly': async (data, { log }) => {
      // The schedule's runs carry no week: it is the last complete one when the job runs.
      const week = data.week ?? previousWeek(new Date(), c.config.report.timezone);
      const channel = data.channel ?? c.config.slack.reportChannel;
      const result = await postReportOnce(c, week, channel, { log });
      log.info({ week, channel, result: result.kind }, 'weekly report job done');
      return result;
    },
  }),
  async onWorkerStart(c) {
    await scheduleWeeklyReport(c);
  },
};
