// A refusal in the audit trail: who tried what, from which team, and why it was refused. Tied to
// the escalation when the click names one, so the card's history shows it too.
import { AUDIT } from '../vocabulary.js';
import { UUID } from '../slack/clicks.js';
import { Prisma } from '../db/client.js';
import type { Db } from '../db/client.js';
import { BlockId, escalationIdFromBlockId } from '../slack/ids.js';
import type { Attempt } from './middleware.js';


export function escalationIdOf(attempt: Attempt): string | undefined {
  const first = attempt.body.actions?.[0];
  const id = first?.value ?? escalationIdFromBlockId(BlockId.actions, first?.block_id);
  return id && UUID.test(id) ? id : undefined;
}

export async function recordRefusal(db: Pick<Db, 'auditEntry'>, attempt: Attempt, reason: 'not_agent' | 'other_workspace'): Promise<void> {
  const data = {
    action: AUDIT.refused,
    source: 'slack',
    actorSlackId: attempt.userId,
    outcome: 'failed',
    detail: { reason, kind: attempt.kind, id: attempt.id ?? null, teamId: attempt.teamId ?? null },
  };
  const escalationId = escalationIdOf(attempt);
  try {
    await db.auditEntry.create({ data: { ...data, escalationId } });
  } catch (err) {
    // A click naming an escalation that no longer exists: keep the refusal, without the link.
    if (escalationId && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003')
      await db.auditEntry.create({ data });
    else throw err;
  }
}
