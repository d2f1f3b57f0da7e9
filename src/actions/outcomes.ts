// What a Slack action came to, in the domain's words. The action service hands each outcome to an
// ActionPresenter (src/slack/present/action.ts), which owns every word and Slack call: the card,
// the thread line, the clicker's private message, the assignee's DM.
import type { Escalation } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { ActionJobData, SlackAction, SyncJobData } from './jobs.js';

/** Who clicked and where an answer can reach them. */
export interface ClickTarget {
  userId: string;
  channelId?: string;
  responseUrl?: string;
}

/** Why a click changed nothing; `by` is the Slack user (or platform name) standing in the way. */
export type Refusal =
  | { reason: 'gone' }
  | { reason: 'already_claimed'; by: string }
  | { reason: 'already_resolved'; by: string | null }
  | { reason: 'resolved_reopen_first'; by: string | null }
  | { reason: 'not_yours'; by: string }
  | { reason: 'invalid_labels'; labels: string[] };

export type ActionOutcome =
  | { kind: 'refused'; click: ClickTarget; refusal: Refusal }
  /** The click changed the escalation (claim, release, assign, label, resolve, reopen). */
  | { kind: 'applied'; click: ActionJobData; esc: Escalation }
  /** No platform agent matches this Slack user: the change stays in handoff. */
  | { kind: 'agent_missing'; esc: Escalation; userId: string }
  /** The platform refused for good, or the retries ran out. */
  | { kind: 'sync_failed'; esc: Escalation; click: SyncJobData; reason: string }
  /** A sync that had failed at first went through on a retry. */
  | { kind: 'sync_recovered'; esc: Escalation; action: SlackAction };

export interface ActionPresenter {
  /** Show the stored state: the card re-rendered whole (posted if it has none yet). */
  card(escalationId: string, log: Logger): Promise<Escalation>;
  /** Tell the people concerned. Best effort: failures are logged, never thrown. */
  show(outcome: ActionOutcome, log: Logger): Promise<void>;
}
