// The weekly schedule: one BullMQ job scheduler (upserted by every worker at start, so any number
// of workers and restarts keep exactly one), plus catching up a run missed while everything was
// down. Cron arithmetic is cron-parser's, the library BullMQ itself schedules with.
import { CronExpressionParser } from 'cron-parser';
import type { Container } from '../container.js';
import { JOBS } from '../queue/catalog.js';
import { chartShared } from './post.js';
import { previousWeek } from './week.js';

export const REPORT_SCHEDULER_ID = 'weekly-report';

/** The latest time at or before `now` the cron pattern fired in the zone. */
export function lastScheduledRun(cron: string, timezone: string, now: Date): Date {
  // cron-parser's prev() is strictly before currentDate; a second later makes "exactly now" count.
  const it = CronExpressionParser.parse(cron, { tz: timezone, currentDate: new Date(now.getTime() + 1000) });
  return it.prev().toDate();
}

/** The week a run at `at` reports on: the last complete week before it. */
export function weekReportedAt(at: Date, timezone: string): string {
  return previousWeek(at, timezone);
}

type ScheduleDeps = Pick<Container, 'config' | 'producer' | 'db' | 'logger'>;

export async function scheduleWeeklyReport(c: ScheduleDeps, now = new Date()): Promise<{ caughtUp?: string }> {
  const { cron, timezone } = c.config.report;
  const channel = c.config.slack.reportChannel;
  const queue = c.producer.queues.reports;
  const existed = await queue.getJobScheduler(REPORT_SCHEDULER_ID);
  const def = JOBS['report.weekly'];
  await queue.upsertJobScheduler(
    REPORT_SCHEDULER_ID,
    { pattern: cron, tz: timezone },
    { name: 'report.weekly', data: {}, opts: { ...def.options, removeOnComplete: 100, removeOnFail: 100 } },
  );

  // Only a deployment that was already reporting can have missed a run: a first start (no
  // scheduler in Redis, no report ever recorded for this channel) does not post last week at once.
  const wasRunning = existed !== undefined || (await c.db.reportRun.count({ where: { channel } })) > 0;
  if (!wasRunning) return {};
  const week = weekReportedAt(lastScheduledRun(cron, timezone, now), timezone);
  const run = await c.db.reportRun.findUnique({ where: { week_channel: { week, channel } } });
  if (run?.status === 'posted' && chartShared(run)) return {}; // chart uploaded but not shared: catch up
  // The job id makes several starting workers enqueue it once; ReportRun would stop a double post anyway.
  await c.producer.enqueue('report.weekly', { week, channel }, { jobId: `report-catchup-${week}-${channel}` });
  c.logger.info({ week, channel }, 'catching up a missed weekly report');
  return { caughtUp: week };
}
