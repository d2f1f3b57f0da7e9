// The weekly report end to end: real PostgreSQL (a scratch database) and Redis, the real workers
// and schedule, fake Slack and a fake Oscar Chat reporting API.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../src/container.js';
import { postReportOnce } from '../../src/reports/post.js';
import { lastScheduledRun, REPORT_SCHEDULER_ID, weekReportedAt } from '../../src/reports/schedule.js';
import { previousWeek, weekBefore } from '../../src/reports/week.js';
import { type OscarFake, startOscarFake } from '../fakes/oscar.js';
import { type FakeSlack, type FakeSlackMessage, startFakeSlack } from '../fakes/slack.js';
import { eventually, type Harness, startHarness, uniquePrefix } from '../helpers/harness.js';
import { type ScratchDb, scratchDatabase, seedWeek } from './report-kit.js';

const TZ = 'Europe/Berlin';
const WEEKLY = '0 9 * * 1';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let scratch: ScratchDb;
let slack: FakeSlack;
let oscar: OscarFake;
let week: string;
const running: Harness[] = [];

beforeAll(async () => {
  scratch = await scratchDatabase('report');
  slack = await startFakeSlack();
  oscar = await startOscarFake({ apiKey: 'oscar-test-key', workspaceId: 'ws_test' });
  week = previousWeek(new Date(), TZ);
  await seedWeek(scratch.db, week, TZ, 6);
  await seedWeek(scratch.db, weekBefore(week), TZ, 3, 30);
});

afterAll(async () => {
  await slack?.close();
  await oscar?.close();
  await scratch?.drop();
});

beforeEach(() => slack.reset());

afterEach(async () => {
  oscar.failNext(0, 500);
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

async function worker(channel: string, extra: Record<string, string> = {}, role: Role = 'worker'): Promise<Harness> {
  const h = await startHarness({
    role,
    slack,
    env: {
      DATABASE_URL: scratch.url,
      OSCAR_API_URL: oscar.url,
      REPORT_TIMEZONE: TZ,
      REPORT_CRON: WEEKLY,
      SLACK_REPORT_CHANNEL: channel,
      ...extra,
    },
  });
  running.push(h);
  return h;
}

const reports = (channel: string): FakeSlackMessage[] =>
  slack.channelMessages(channel).filter((m) => (m.metadata as { event_type?: string })?.event_type === 'handoff_weekly_report');
const blocksText = (m: FakeSlackMessage | undefined) => JSON.stringify(m?.blocks ?? []);
const posted = (channel: string, w = week) =>
  // Chart shared: a file id and no error (a file id with an error is uploaded but not completed).
  scratch.db.reportRun.findFirst({ where: { week: w, channel, status: 'posted', chartFileId: { not: null }, chartError: null } });

async function runJob(h: Harness, data: { week?: string; channel?: string }): Promise<string> {
  const { producer } = h.running.container;
  const id = (await producer.enqueue('report.weekly', data)) as string;
  return eventually(async () => {
    const state = await producer.queues.reports.getJobState(id);
    return state === 'completed' || state === 'failed' ? state : undefined;
  }, 15_000);
}

describe('weekly report', () => {
  it('the schedule posts exactly one report even with two workers firing every second', async () => {
    const channel = 'C0REPTWO1';
    const env = { REPORT_CRON: '* * * * * *', QUEUE_PREFIX: uniquePrefix() };
    const [a] = await Promise.all([worker(channel, env), worker(channel, env)]);
    const run = await eventually(() => posted(channel), 15_000);
    await sleep(2500); // several more firings, on both workers
    expect(reports(channel)).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.args.channel === channel)).toHaveLength(1);
    expect(await a?.running.container.producer.queues.reports.getJobSchedulers()).toHaveLength(1);

    const [message] = reports(channel);
    expect(message?.ts).toBe(run.slackTs);
    const text = blocksText(message);
    expect(text).toContain(week);
    expect(text).toContain('*Escalations*\\n6  ↑ 100%'); // 6 this week, 3 the week before
    expect(text).toContain('<@U0AGENT1>: claimed 6 · resolved 3');
    expect(text).not.toContain('U0AGENT2'); // refused clicks do not count
    expect(text).toContain('*Median time to claim*\\n5m  ↓ 83%'); // 5 min vs 30 min
    // Oscar Chat's own figures, and the share of its conversations that needed a human.
    expect(text).toContain('*Conversations*\\n42');
    expect(text).toContain('*Needed a human*\\n7% (3 escalated)');
    expect(text).toContain('*CSAT*\\n4.6 / 5');
    const reportCall = oscar.calls.find((c) => c.path.endsWith('/reports/summary'));
    expect(Number(reportCall?.query.until) - Number(reportCall?.query.since)).toBeGreaterThanOrEqual(167 * 3600);

    // The chart: the external upload flow, once, into the report's thread, with a valid PNG.
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    const [complete] = slack.callsOf('files.completeUploadExternal');
    expect(slack.callsOf('files.completeUploadExternal')).toHaveLength(1);
    expect(complete?.args).toMatchObject({ channel_id: channel, thread_ts: message?.ts });
    const file = slack.files.get(run.chartFileId as string);
    expect(file?.completed).toBe(true);
    expect(file?.bytes?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.bytes?.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(slack.threadReplies(channel, message?.ts as string)[0]?.files).toEqual([run.chartFileId]);

    // A second run for the same week posts nothing and uploads nothing.
    slack.reset();
    expect(await runJob(a as Harness, { week, channel })).toBe('completed');
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('a failed chart upload is retried alone, never re-posting the report', async () => {
    const channel = 'C0REPCHART';
    const h = await worker(channel);
    slack.failNext('files.completeUploadExternal', 'internal_error');
    expect(await runJob(h, { week, channel })).toBe('completed');
    expect(reports(channel)).toHaveLength(1);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    // The bytes went up once; only the completion is retried, with the recorded file id.
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    const completes = slack.callsOf('files.completeUploadExternal');
    expect(completes).toHaveLength(2);
    expect(completes.filter((c) => c.ok)).toHaveLength(1);
    const run = await posted(channel);
    expect(run?.chartError).toBeNull();
    expect(completes.map((c) => (c.args.files as Array<{ id: string }>)[0]?.id)).toEqual([run?.chartFileId, run?.chartFileId]);
    expect(slack.threadReplies(channel, run?.slackTs as string)).toHaveLength(1);
    expect(slack.threadReplies(channel, run?.slackTs as string)[0]?.files).toEqual([run?.chartFileId]);
  });

  it('takes over a crashed poster after its lease, finding its message instead of posting again', async () => {
    const channel = 'C0REPCRASH';
    const startedAt = new Date(Date.now() - 11 * 60_000);
    await scratch.db.reportRun.create({ data: { week, channel, status: 'posting', startedAt } });
    const orphan = slack.seedMessage(channel, {
      ts: `${Math.floor(startedAt.getTime() / 1000) + 2}.000100`,
      text: 'Weekly support report',
      metadata: { event_type: 'handoff_weekly_report', event_payload: { week } },
    });
    // A web-role container: no worker start, so no catch-up job races this direct call.
    const h = await worker(channel, {}, 'web');
    const result = await postReportOnce(h.running.container, week, channel);
    expect(result).toMatchObject({ kind: 'already-posted', ts: orphan.ts });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(await posted(channel)).toMatchObject({ slackTs: orphan.ts });
    expect(slack.threadReplies(channel, orphan.ts)[0]?.files).toHaveLength(1);
  });

  it('a failing platform reporting API leaves a note and the rest still posts', async () => {
    const channel = 'C0REPOSCAR';
    const h = await worker(channel);
    oscar.failNext(50, 500);
    expect(await runJob(h, { week, channel })).toBe('completed');
    const text = blocksText(reports(channel)[0]);
    expect(text).toContain('Oscar Chat report unavailable');
    expect(text).not.toContain('*Conversations*');
    expect(text).toContain('*Escalations*\\n6');
    expect(await posted(channel)).toBeTruthy();
  });

  it('catches up a run missed while everything was down, once across workers', async () => {
    const channel = 'C0REPCATCH';
    const missed = weekReportedAt(lastScheduledRun(WEEKLY, TZ, new Date()), TZ);
    // The deployment was reporting before: the week before the missed one was posted.
    await scratch.db.reportRun.create({
      data: { week: weekBefore(missed), channel, status: 'posted', slackTs: '1.000001', chartFileId: 'F0OLD' },
    });
    const prefix = uniquePrefix();
    await Promise.all([worker(channel, { QUEUE_PREFIX: prefix }), worker(channel, { QUEUE_PREFIX: prefix })]);
    await eventually(() => posted(channel, missed), 15_000);
    await sleep(500);
    expect(reports(channel)).toHaveLength(1);
    expect(blocksText(reports(channel)[0])).toContain(missed);

    // Restarting now finds it posted: nothing more.
    await Promise.all(running.splice(0).map((x) => x.stop()));
    await worker(channel, { QUEUE_PREFIX: prefix });
    await sleep(1000);
    expect(reports(channel)).toHaveLength(1);
  });

  it('a first start (no schedule, no report history) does not post last week at once', async () => {
    const channel = 'C0REPFRESH';
    const h = await worker(channel);
    expect(await h.running.container.producer.queues.reports.getJobScheduler(REPORT_SCHEDULER_ID)).toMatchObject({
      pattern: WEEKLY,
      tz: TZ,
    });
    await sleep(1000);
    expect(slack.calls.filter((c) => c.args.channel === channel || c.args.channel_id === channel)).toHaveLength(0);
    expect(await scratch.db.reportRun.count({ where: { channel } })).toBe(0);
  });
});
