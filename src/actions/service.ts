// Runs the queued Slack actions. A click is settled in the database first (apply.ts), then
// mirrored to the platform, then the card is re-rendered once from the stored row. The platform
// call gets a short head start so the usual case costs a single chat.update that already shows
// the sync result; a slow platform gets a "pending" card at the deadline and a second update
// when it answers; a failing one is handed to the retrying `platform.sync` job.
import type { Job } from 'bullmq';
import type { Db, Escalation } from '../db/client.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Producer } from '../queue/producer.js';
import { LATE, within } from '../timeout.js';
import { type ApplyResult, applyAction } from './apply.js';
import type { ActionJobData, SyncJobData } from './jobs.js';
import { jobIdFor } from './keys.js';
import type { ActionPresenter } from './outcomes.js';
import type { PlatformSync, Settled } from './sync.js';
import { isLastAttempt } from '../queue/attempts.js';
import { AUDIT } from '../vocabulary.js';

/** How long the card waits for the platform before showing the sync as pending. */
export const INLINE_SYNC_MS = 2000;

export interface ActionServiceDeps {
  db: Db;
  producer: Producer;
  sync: PlatformSync;
  /** Shows outcomes to people (in Slack: src/slack/present/action.ts). */
  presenter: ActionPresenter;
  labels: string[];
  /** First delay of the follow-up sync job (then the queue's exponential backoff). */
  backoffBaseMs?: number;
  inlineSyncMs?: number;
}

export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  /** The `slack.action` job. */
  async handleClick(data: ActionJobData, log: Logger): Promise<string> {
    const { db, sync, labels } = this.deps;
    const result = await applyAction(db, data, { syncs: (platform) => sync.syncs(platform, data.action), labels });
    switch (result.kind) {
      case 'noop':
        return 'no change';
      case 'refused':
        await this.deps.presenter.show({ kind: 'refused', click: data, refusal: result.refusal }, log);
        return 'rejected';
      case 'replayed':
        return this.replay(data, result, log);
      case 'applied':
        await this.afterApplied(data, result, log);
        return 'applied';
    }
  }

  /**
   * The same click again (a Slack retry, or this job retried after a crash): make sure the card
   * shows the state and a still-pending sync is queued; never apply or announce twice.
   */
  private async replay(data: ActionJobData, r: Extract<ApplyResult, { kind: 'replayed' }>, log: Logger): Promise<string> {
    if (r.action === AUDIT.rejected) return 'replayed';
    await this.deps.presenter.card(r.esc.id, log);
    const added = Array.isArray(r.detail?.added) ? (r.detail.added as string[]) : undefined;
    if (r.outcome === 'pending') await this.queueSync(this.taskFor(data, r.esc, added), 0);
    return 'replayed';
  }

  private async afterApplied(data: ActionJobData, r: Extract<ApplyResult, { kind: 'applied' }>, log: Logger): Promise<void> {
    const { presenter } = this.deps;
    const task = this.taskFor(data, r.esc, r.change.added);
    const attempt = r.syncing ? this.deps.sync.attempt(task, (step) => void task.done.push(step)) : undefined;
    const early = attempt ? await within(attempt, this.deps.inlineSyncMs ?? INLINE_SYNC_MS) : undefined;
    if (early && early !== LATE) await this.record(task, early);
    let esc: Escalation;
    try {
      esc = await presenter.card(data.escalationId, log);
      await presenter.show({ kind: 'applied', click: data, esc }, log);
    } catch (err) {
      // This job is about to be retried, and its replay only sees the click's audit row: while
      // that says "pending" it queues the sync from scratch (done: []). A platform call still
      // running here would then be made twice (a second assignment, a second note). Let it
      // finish and store its outcome first (success, or the follow-up job with the real `done`).
      if (attempt && early === LATE) await this.record(task, await attempt);
      throw err;
    }
    if (!attempt || !early) return;
    let settled: Settled;
    if (early === LATE) {
      settled = await attempt;
      await this.record(task, settled);
      esc = await presenter.card(data.escalationId, log);
    } else {
      settled = early;
    }
    await this.report(task, settled, esc, log);
  }

  /** Store what the platform attempt means: failed for good, or handed to the retrying job. */
  private async record(task: SyncJobData, settled: Settled): Promise<void> {
    if (settled.ok) return; // the sync stored its own success
    if (settled.error instanceof PermanentError) await this.deps.sync.markFailed(task, settled.error);
    else await this.queueSync(task, retryDelay(settled.error, this.deps.backoffBaseMs ?? 1000));
  }

  /** What the people concerned hear about the platform side. */
  private async report(task: SyncJobData, settled: Settled, esc: Escalation, log: Logger): Promise<void> {
    if (settled.ok) {
      if (settled.outcome.agentMissingNow) {
        await this.deps.presenter.show({ kind: 'agent_missing', esc, userId: task.assigneeId ?? task.userId }, log);
      }
      return;
    }
    if (!(settled.error instanceof PermanentError)) return; // pending: the card says so, the job retries
    await this.failed(task, settled.error, esc, log);
  }

  private async failed(task: SyncJobData, error: Error, esc: Escalation, log: Logger): Promise<void> {
    await this.deps.presenter.show({ kind: 'sync_failed', esc, click: task, reason: error.message }, log);
  }

  /** The `platform.sync` job: the retries of a platform call that didn't get through at once. */
  async handleSync(data: SyncJobData, job: Job, log: Logger): Promise<string> {
    const settled = await this.deps.sync.attempt(data, async (step) => {
      data.done.push(step);
      await job.updateData(data);
    });
    if (settled.ok) {
      const esc = await this.deps.presenter.card(data.escalationId, log);
      await this.deps.presenter.show({ kind: 'sync_recovered', esc, action: data.action }, log);
      await this.report(data, settled, esc, log);
      return 'synced';
    }
    const final = settled.error instanceof PermanentError || isLastAttempt(job);
    if (!final) throw settled.error;
    await this.deps.sync.markFailed(data, settled.error);
    const esc = await this.deps.presenter.card(data.escalationId, log);
    await this.failed(data, settled.error, esc, log);
    // Kept in the dead-letter set: `handoff dlq retry` can try it again once the platform is back.
    throw new PermanentError(settled.error.message, { cause: settled.error });
  }

  private taskFor(data: ActionJobData, esc: Pick<Escalation, 'id'>, added?: string[]): SyncJobData {
    return {
      action: data.action,
      escalationId: esc.id,
      userId: data.userId,
      requestKey: data.requestKey,
      ...(data.assigneeId ? { assigneeId: data.assigneeId } : {}),
      ...(data.action === 'label' ? { labels: added ?? [] } : {}),
      ...(data.channelId ? { channelId: data.channelId } : {}),
      ...(data.responseUrl ? { responseUrl: data.responseUrl } : {}),
      done: [],
    };
  }

  /** One follow-up job per click (its id comes from the requestKey), however often this runs. */
  private async queueSync(task: SyncJobData, delay: number): Promise<void> {
    await this.deps.producer.enqueue('platform.sync', task, { jobId: jobIdFor('sync', task.requestKey), delay });
  }
}

function retryDelay(error: Error, baseMs: number): number {
  const hinted = error instanceof RetryableError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(baseMs, hinted);
}
