// What applying a platform event did, in the domain's words. The escalation service returns one;
// src/slack/present/escalation.ts turns it into the card update and the thread line, the same way
// on the first run and on a retried job's replay (which rebuilds it from the audit row).
import type { AuditEntry, Db, Escalation } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { PlatformId } from '../platforms/list.js';
import type { MessageEvent } from '../platforms/types.js';
import { AUDIT } from '../vocabulary.js';

/** A platform message an outcome carries, and the event key it arrived under (for the mirror's dedupe). */
export interface MessageRef {
  event: MessageEvent;
  key?: string;
}

export type EscalationOutcome =
  /** A new escalation: its card is posted. */
  | { kind: 'escalated'; escalationId: string }
  /**
   * The conversation escalated again (maybe reopening it): card updated, a thread line with the
   * count this event made (so concurrent re-escalations each say their own) and its reason.
   */
  | { kind: 're_escalated'; escalationId: string; count?: number; reason?: string | null }
  /** The customer wrote after resolution: reopened (with the message, to mirror into the thread). */
  | { kind: 'reopened_by_customer'; escalationId: string; platform: PlatformId; message?: MessageRef }
  /** Assigned on the platform, to an agent by that name. */
  | { kind: 'platform_assigned'; escalationId: string; platform: PlatformId; agentName?: string }
  /** Resolved on the platform, by that name. */
  | { kind: 'platform_resolved'; escalationId: string; platform: PlatformId; by?: string }
  /** Stored details changed (last message, contact): the card is re-rendered, no thread line. */
  | { kind: 'updated'; escalationId: string; esc?: Escalation; message?: MessageRef }
  /**
   * A bot's or agent's message on the platform, for the card's thread. The row is unchanged unless
   * it was the first agent reply (cardChanged: the first-reply clock stopped, the card re-renders).
   */
  | { kind: 'message'; escalationId: string; esc: Escalation; message: MessageRef; cardChanged?: boolean }
  /** Nothing to show: the event did not concern an escalation, or was our own echo. */
  | { kind: 'none' };

/** The outcome an already-applied event had, from the audit row written with it. */
export function outcomeOfAudit(
  platform: PlatformId,
  entry: Pick<AuditEntry, 'action' | 'actorName' | 'detail'> & { escalationId: string },
): EscalationOutcome {
  const escalationId = entry.escalationId;
  const actor = entry.actorName ?? undefined;
  switch (entry.action) {
    case AUDIT.re_escalated: {
      const d = (entry.detail ?? {}) as { count?: unknown; reason?: unknown };
      if (typeof d.count !== 'number') return { kind: 're_escalated', escalationId };
      return { kind: 're_escalated', escalationId, count: d.count, reason: typeof d.reason === 'string' ? d.reason : null };
    }
    case AUDIT.platform_assigned:
      return { kind: 'platform_assigned', escalationId, platform, agentName: actor };
    case AUDIT.resolved:
      return { kind: 'platform_resolved', escalationId, platform, by: actor };
    case AUDIT.reopened:
      return { kind: 'reopened_by_customer', escalationId, platform };
    default:
      return { kind: 'escalated', escalationId };
  }
}

/** If an earlier attempt already applied this event, its outcome (from the audit row written with it). */
export async function appliedBefore(db: Db, platform: PlatformId, key: string, log: Logger): Promise<EscalationOutcome | undefined> {
  const done = await db.auditEntry.findUnique({ where: { requestKey: key } });
  // Refusal entries (no escalation) never carry an event key; guard anyway.
  if (!done?.escalationId) return undefined;
  log.info({ escalationId: done.escalationId, action: done.action }, 'event already applied; finishing its Slack side');
  return outcomeOfAudit(platform, { ...done, escalationId: done.escalationId });
}
