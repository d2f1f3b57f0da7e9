// Posting a week's report at most once per (week, channel), across any number of workers,
// restarts and retries. ReportRun is the record:
//   1. insert (week, channel, 'posting'): the unique constraint picks the one poster;
//   2. chat.postMessage (with metadata naming the week), then status 'posted' + ts;
//   3. upload the chart into the thread as its own step (chartStartedAt is its lease,
//      chartFileId its result), so a failed upload is retried alone and never re-posts the message.
//      The file id is stored as soon as the bytes are uploaded, with chartError saying the share
//      is still pending: a retry then only re-runs files.completeUploadExternal (see chartShared).
// A poster that crashed between 1 and 2 leaves a 'posting' row: after the lease another run takes
// over, and first looks for the message in the channel (by metadata) before posting again.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Container } from '../container.js';
import { Prisma, type ReportRun } from '../db/client.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { slackCall } from '../slack/client.js';
import { postOnce } from '../slack/post-once.js';
import { type BuiltReport, buildReport, type ReportDeps } from './build.js';

export const REPORT_EVENT_TYPE = 'handoff_weekly_report';
/** A 'posting' row older than this belongs to a crashed poster (a build takes seconds). */
export const DEFAULT_POST_LEASE_MS = 10 * 60_000;
/** Likewise for a chart upload (a few hundred kB). */
export const DEFAULT_CHART_LEASE_MS = 2 * 60_000;

export type PostDeps = ReportDeps & Pick<Container, 'db' | 'slack'>;

/** chartError while a file is uploaded but not yet shared into the thread. */
export const CHART_PENDING = 'uploaded; files.completeUploadExternal pending';

/**
 * The chart is in the thread: a file id is recorded and no error is. A recorded file id with an
 * error was uploaded but its completeUploadExternal failed or never ran; a retry completes it.
 */
export function chartShared(run: Pick<ReportRun, 'chartFileId' | 'chartError'>): boolean {
  return Boolean(run.chartFileId) && !run.chartError;
}

export interface PostOptions {
  leaseMs?: number;
  chartLeaseMs?: number;
  log?: Logger;
  /** Injected in tests to build once; defaults to buildReport. */
  build?: (week: string) => Promise<BuiltReport>;
}

export type PostResult =
  | { kind: 'posted'; ts: string; chartFileId: string }
  /** Posted before (this run may have finished its chart upload). */
  | { kind: 'already-posted'; ts: string; chartFileId: string | null };

export async function postReportOnce(deps: PostDeps, week: string, channel: string, opts: PostOptions = {}): Promise<PostResult> {
  const { db } = deps;
  const leaseMs = opts.leaseMs ?? DEFAULT_POST_LEASE_MS;
  const chartLeaseMs = opts.chartLeaseMs ?? DEFAULT_CHART_LEASE_MS;
  const build = opts.build ?? ((w: string) => buildReport(deps, w));
  const key = { week_channel: { week, channel } };

  const existing = await db.reportRun.findUnique({ where: key });
  if (existing?.status === 'posted' && existing.chartFileId && chartShared(existing)) {
    return { kind: 'already-posted', ts: existing.slackTs as string, chartFileId: existing.chartFileId };
  }
  // Built before taking the run, so the lease only covers the Slack calls.
  const report = await build(week);
  const taken = existing?.status === 'posted' ? { run: existing } : await takeRun(deps, week, channel, leaseMs);
  const { run } = taken;
  if (run.status === 'posted') {
    const chartFileId = await uploadChartOnce(deps, run, report, chartLeaseMs);
    return { kind: 'already-posted', ts: run.slackTs as string, chartFileId };
  }

  const { ts, recovered } = await postOnce({
    slack: deps.slack,
    channel,
    metadata: { event_type: REPORT_EVENT_TYPE, event_payload: { week } },
    previousLeaseAt: taken.previousLeaseAt,
    message: () => report.message,
    // Slack answered without posting: the row goes and a retry starts over.
    release: () => db.reportRun.delete({ where: { id: run.id } }).catch(() => undefined),
  });
  const posted = await db.reportRun.update({
    where: { id: run.id },
    data: { status: 'posted', slackTs: ts, postedAt: new Date() },
  });
  if (recovered) opts.log?.warn({ week, channel }, 'recovered a report posted by a crashed run');
  else opts.log?.info({ week, channel, ts }, 'weekly report posted');
  const chartFileId = await uploadChartOnce(deps, posted, report, chartLeaseMs);
  return { kind: recovered ? 'already-posted' : 'posted', ts, chartFileId };
}

/**
 * The run this caller may post (with the crashed poster's lease start when taking over), or a
 * RetryableError while another poster holds it.
 */
async function takeRun(
  deps: PostDeps,
  week: string,
  channel: string,
  leaseMs: number,
): Promise<{ run: ReportRun; previousLeaseAt?: Date }> {
  const { db } = deps;
  try {
    return { run: await db.reportRun.create({ data: { week, channel, status: 'posting' } }) };
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
  }
  const row = await db.reportRun.findUniqueOrThrow({ where: { week_channel: { week, channel } } });
  if (row.status === 'posted') return { run: row };
  const now = new Date();
  if (row.startedAt.getTime() > now.getTime() - leaseMs) {
    const left = row.startedAt.getTime() + leaseMs - now.getTime();
    throw new RetryableError(`the ${week} report is being posted by another worker`, Math.max(1000, left));
  }
  // Take over a crashed poster's run; the condition on startedAt lets only one taker win.
  const taken = await db.reportRun.updateMany({
    where: { id: row.id, status: 'posting', startedAt: row.startedAt },
    data: { startedAt: now },
  });
  if (taken.count === 0) throw new RetryableError(`the ${week} report was taken over by another worker`, leaseMs);
  return { run: { ...row, startedAt: now }, previousLeaseAt: row.startedAt };
}

/**
 * Uploads the chart into the report's thread unless that is done or in progress elsewhere.
 * Returns the file id; throws (Retryable or Permanent) when the upload failed, recording why.
 */
async function uploadChartOnce(deps: PostDeps, run: ReportRun, report: BuiltReport, leaseMs: number): Promise<string> {
  const { db } = deps;
  const now = new Date();
  const taken = await db.reportRun.updateMany({
    where: {
      id: run.id,
      // Not shared yet: no file, or a file whose completeUploadExternal is still owed.
      OR: [{ chartFileId: null }, { chartError: { not: null } }],
      AND: [{ OR: [{ chartStartedAt: null }, { chartStartedAt: { lt: new Date(now.getTime() - leaseMs) } }] }],
    },
    data: { chartStartedAt: now },
  });
  const fresh = await db.reportRun.findUniqueOrThrow({ where: { id: run.id } });
  if (taken.count === 0) {
    if (fresh.chartFileId && chartShared(fresh)) return fresh.chartFileId;
    // Come back when that upload's lease ends: done by then, or its uploader crashed.
    const left = (fresh.chartStartedAt?.getTime() ?? now.getTime()) + leaseMs - now.getTime();
    throw new RetryableError(`the ${run.week} chart is being uploaded by another worker`, Math.max(1000, left));
  }
  const upload: Upload = {
    channel: run.channel,
    threadTs: run.slackTs as string,
    png: report.chart,
    filename: `handoff-report-${run.week}.png`,
    title: `Escalations per day · ${report.metrics.label}`,
  };
  // A file uploaded by an earlier attempt is only completed: uploading again after a
  // completeUploadExternal that timed out (and may have worked) would share the chart twice.
  let fileId = fresh.chartFileId;
  try {
    if (!fileId) {
      fileId = await uploadBytesOf(deps, upload);
      await db.reportRun.update({ where: { id: run.id }, data: { chartFileId: fileId, chartError: CHART_PENDING } });
    }
    await completeUpload(deps, upload, fileId);
    await db.reportRun.update({ where: { id: run.id }, data: { chartFileId: fileId, chartError: null } });
    return fileId;
  } catch (err) {
    const e = err instanceof RetryableError || err instanceof PermanentError ? err : new RetryableError((err as Error).message);
    // Slack refusing the file for good (e.g. file_not_found once the upload expired): forget it,
    // so a later run uploads a new one. Otherwise keep it for the retry to complete.
    const forget = e instanceof PermanentError ? { chartFileId: null } : {};
    await db.reportRun.update({
      where: { id: run.id },
      data: { ...forget, chartStartedAt: null, chartError: e.message.slice(0, 500) },
    });
    throw e;
  }
}

export interface Upload {
  channel: string;
  threadTs: string;
  png: Buffer;
  filename: string;
  title: string;
}

/** Slack's external upload flow: get an upload URL, POST the bytes there, complete into the thread. */
export async function uploadPng(deps: Pick<Container, 'slack'>, u: Upload): Promise<string> {
  const fileId = await uploadBytesOf(deps, u);
  await completeUpload(deps, u, fileId);
  return fileId;
}

/** The first two steps: an upload URL and the bytes. The file is not shared anywhere yet. */
async function uploadBytesOf(deps: Pick<Container, 'slack'>, u: Upload): Promise<string> {
  const { upload_url: url, file_id: fileId } = await slackCall(() =>
    deps.slack.files.getUploadURLExternal({ filename: u.filename, length: u.png.length, alt_text: u.title }),
  );
  if (!url || !fileId) throw new PermanentError('Slack returned no upload URL');
  const res = await postBytes(url, u.png);
  if (!res.ok) {
    const msg = `chart upload answered HTTP ${res.status}`;
    throw res.status >= 500 || res.status === 429 ? new RetryableError(msg) : new PermanentError(msg);
  }
  return fileId;
}

/** The last step: share the uploaded file into the thread. */
async function completeUpload(deps: Pick<Container, 'slack'>, u: Upload, fileId: string): Promise<void> {
  await slackCall(() =>
    deps.slack.files.completeUploadExternal({
      files: [{ id: fileId, title: u.title }],
      channel_id: u.channel,
      thread_ts: u.threadTs,
    }),
  );
}

/** The upload URL takes the raw bytes; one quick retry covers a dropped connection. */
async function postBytes(url: string, bytes: Buffer): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { 'Content-Type': 'application/octet-stream' },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      if (attempt >= 1) throw new RetryableError(`chart upload failed: ${(err as Error).message}`, undefined, { cause: err });
      await sleep(500);
    }
  }
}
