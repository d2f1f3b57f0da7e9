// Mirrors an applied Slack action into the chat platform: assign the matching agent, add labels,
// resolve/reopen, and leave a private note naming who did it. Each step is checked against the
// row as it is now (a later action may have superseded this one) and reported done as it
// completes, so a retry picks up where the last attempt stopped.
import type { Db, Escalation } from '../db/client.js';
import { expectEcho, forgetEcho } from '../escalations/echoes.js';
import type { PlatformAdapter, PlatformApi, PlatformId } from '../platforms/types.js';
import { NO_CAPABILITIES } from '../platforms/types.js';
import { platformName } from '../platforms/list.js';
import type { AgentResolver, PeopleDirectory } from './agents.js';
import type { SlackAction, SyncJobData } from './jobs.js';
import { ACTION_VERB, noteText } from './notes.js';
import { STATUS, SYNC } from '../vocabulary.js';

export type SyncStep = 'assign' | 'labels' | 'note' | 'resolve' | 'reopen';
/** Recorded in `done` when the assign step found no agent, so a retry remembers it. */
const ASSIGN_MISSING = 'assign:missing';

export interface SyncOutcome {
  state: 'ok' | 'missing';
  /** This run found no agent for the claimer/assignee (the thread says so once). */
  agentMissingNow: boolean;
}

export type Settled = { ok: true; outcome: SyncOutcome } | { ok: false; error: Error };

export interface PlatformSyncDeps {
  db: Db;
  apis: Map<PlatformId, PlatformApi>;
  adapters: Map<PlatformId, PlatformAdapter>;
  agents: AgentResolver;
  people: PeopleDirectory;
}

export class PlatformSync {
  constructor(private readonly deps: PlatformSyncDeps) {}

  /** The platform calls an action makes there, in order; empty: the state lives in handoff only. */
  plan(platform: string, action: SlackAction): SyncStep[] {
    const api = this.deps.apis.get(platform as PlatformId);
    if (!api) return [];
    const caps = this.deps.adapters.get(platform as PlatformId)?.capabilities ?? NO_CAPABILITIES;
    const note: SyncStep[] = api.note && caps.note ? ['note'] : [];
    const assign: SyncStep[] = api.assign && caps.assign ? ['assign'] : [];
    switch (action) {
      case 'claim':
      case 'assign':
        return [...assign, ...note];
      case 'release':
        return note; // no platform has an "unassign": the note records the release
      case 'label':
        return [...(api.addLabels && caps.label ? (['labels'] as SyncStep[]) : []), ...note];
      case 'resolve':
        // The note first: it belongs to the conversation before it closes.
        return [...note, ...(api.resolve && caps.resolve ? (['resolve'] as SyncStep[]) : [])];
      case 'reopen':
        return [...(api.reopen && caps.reopen ? (['reopen'] as SyncStep[]) : []), ...note];
    }
  }

  syncs(platform: string, action: SlackAction): boolean {
    return this.plan(platform, action).length > 0;
  }

  /** run(), with the outcome or the error as a value (the caller decides about retries). */
  async attempt(task: SyncJobData, onDone: (step: string) => Promise<void> | void): Promise<Settled> {
    try {
      return { ok: true, outcome: await this.run(task, onDone) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  async run(task: SyncJobData, onDone: (step: string) => Promise<void> | void): Promise<SyncOutcome> {
    const { db } = this.deps;
    const esc = await db.escalation.findUnique({ where: { id: task.escalationId } });
    if (!esc) return { state: 'ok', agentMissingNow: false };
    const platform = esc.platform as PlatformId;
    const api = this.deps.apis.get(platform);
    if (!api) return { state: 'ok', agentMissingNow: false };
    const done = new Set(task.done);
    const mark = async (step: string) => {
      done.add(step);
      await onDone(step);
    };
    let agentMissingNow = false;

    for (const step of this.plan(platform, task.action)) {
      if (done.has(step) || (step === 'assign' && done.has(ASSIGN_MISSING))) continue;
      // Steps that depend on the current state re-read it; a note only needs the conversation id.
      const now = step === 'note' ? esc : await db.escalation.findUniqueOrThrow({ where: { id: esc.id } });
      switch (step) {
        case 'assign': {
          const target = task.assigneeId ?? task.userId;
          // A later claim/assign/release owns the platform assignment now: leave it to that one.
          if ((now.assigneeSlackId ?? now.claimedBySlackId) !== target || now.status === 'resolved') break;
          const match = await this.deps.agents.agentFor(platform, api, target);
          if (!match.agentId) {
            // Nobody to assign on the platform; the claim stands in handoff and the card says so.
            await db.escalation.update({ where: { id: esc.id }, data: { platformAgentId: null } });
            agentMissingNow = true;
            await mark(ASSIGN_MISSING);
            continue;
          }
          await this.assign(api, now, match.agentId);
          break;
        }
        case 'labels': {
          const still = (task.labels ?? []).filter((l) => now.labels.includes(l));
          if (still.length && api.addLabels) await api.addLabels(now.conversationId, still);
          break;
        }
        case 'note':
          if (api.note) {
            const text = await this.note(task, platform, done);
            await api.note(now.conversationId, text, { customerId: now.platformCustomerId ?? undefined });
          }
          break;
        case 'resolve':
          if (now.status === 'resolved' && api.resolve) {
            const echo = await expectEcho(db, esc.id, 'resolved');
            await api.resolve(now.conversationId).catch(async (err: unknown) => {
              await forgetEcho(db, echo);
              throw err;
            });
          }
          break;
        case 'reopen':
          if (now.status !== 'resolved' && api.reopen) await api.reopen(now.conversationId);
          break;
      }
      await mark(step);
    }
    return { state: await this.settle(task, esc.id, platform), agentMissingNow };
  }

  /** Assign on the platform; the expected echo is recorded first, the agent id only on success. */
  private async assign(api: PlatformApi, esc: Escalation, agentId: string): Promise<void> {
    const { db } = this.deps;
    if (!api.assign) return;
    const echo = await expectEcho(db, esc.id, 'assigned', agentId);
    try {
      await api.assign(esc.conversationId, agentId);
    } catch (err) {
      await forgetEcho(db, echo);
      throw err;
    }
    await db.escalation.update({ where: { id: esc.id }, data: { platformAgentId: agentId } });
  }

  private async note(task: SyncJobData, platform: PlatformId, done: Set<string>): Promise<string> {
    const actor = await this.deps.people.get(task.userId);
    const assignee = task.assigneeId ? await this.deps.people.get(task.assigneeId) : undefined;
    return noteText({
      action: task.action,
      actorName: actor.name,
      assigneeName: assignee?.name,
      labels: task.labels,
      platformName: platformName(platform),
      agentMissing: done.has(ASSIGN_MISSING),
    });
  }

  /**
   * The sync line after success. "missing" while the Slack owner has no platform assignment
   * (platformAgentId is cleared when no agent matched, set when one did or the platform assigned).
   */
  private async settle(task: SyncJobData, escalationId: string, platform: PlatformId): Promise<'ok' | 'missing'> {
    const { db } = this.deps;
    const row = await db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    const assignable = this.plan(platform, 'assign').includes('assign');
    const owner = row.assigneeSlackId ?? row.claimedBySlackId;
    const state = assignable && owner && !row.platformAgentId && row.status !== STATUS.resolved ? SYNC.missing : SYNC.ok;
    await db.escalation.update({ where: { id: escalationId }, data: { platformSyncState: state, platformSyncError: null } });
    await this.audit(task.requestKey, 'ok', { sync: state });
    return state;
  }

  /** The last attempt failed: the card and the audit say so (the handoff-side change stands). */
  async markFailed(task: SyncJobData, error: Error): Promise<void> {
    const { db } = this.deps;
    const reason = error.message.slice(0, 400);
    await db.escalation.update({
      where: { id: task.escalationId },
      data: { platformSyncState: SYNC.failed, platformSyncError: `${ACTION_VERB[task.action]}: ${reason}` },
    });
    await this.audit(task.requestKey, 'failed', { sync: 'failed', error: reason });
  }

  /** The click's audit row gets its outcome; the sync result is merged into its detail in place. */
  private async audit(requestKey: string, outcome: 'ok' | 'failed', extra: Record<string, unknown>): Promise<void> {
    await this.deps.db.$executeRaw`
      UPDATE "AuditEntry"
      SET "outcome" = ${outcome}, "detail" = COALESCE("detail", '{}'::jsonb) || ${JSON.stringify(extra)}::jsonb
      WHERE "requestKey" = ${requestKey}`;
  }
}
