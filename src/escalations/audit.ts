// The audit trail: who did what, when, and how it ended. The weekly report and the card's thread
// read from it; `requestKey` makes a Slack retry or double click a no-op.
import type { Db, Prisma } from '../db/client.js';
import type { AuditAction, AuditOutcome, AuditSource } from '../vocabulary.js';

export interface AuditInput {
  escalationId: string;
  action: AuditAction;
  source: AuditSource;
  actorSlackId?: string;
  actorName?: string;
  detail?: Record<string, unknown>;
  outcome?: AuditOutcome;
  requestKey?: string;
}

export async function recordAudit(db: Pick<Db, 'auditEntry'>, input: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      escalationId: input.escalationId,
      action: input.action,
      source: input.source,
      actorSlackId: input.actorSlackId,
      actorName: input.actorName,
      detail: input.detail as Prisma.InputJsonValue | undefined,
      outcome: input.outcome ?? 'ok',
      requestKey: input.requestKey,
    },
  });
}
