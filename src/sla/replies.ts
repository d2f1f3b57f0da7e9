// The first-reply hook. Whatever sends or observes an agent's reply to the customer calls this:
// today the platform's own report of an agent message (Oscar Chat message.created, outgoing, from
// an agent); the Slack Reply button calls it too once it sends. Only the first reply counts; the
// card publish that follows lets the SLA scheduler drop the first-reply clock.
import type { Db } from '../db/client.js';

/** Record the first agent reply; returns true when this call set it. */
export async function recordAgentReply(db: Db, escalationId: string, at: Date): Promise<boolean> {
  const res = await db.escalation.updateMany({
    where: { id: escalationId, firstAgentReplyAt: null },
    data: { firstAgentReplyAt: at },
  });
  return res.count > 0;
}
