// The first-reply hook. Whatever sends or observes an agent's reply to the customer calls this:
// the platform's own report of an agent message (Oscar Chat message.created, outgoing, from an
// agent; src/escalations/changes.ts) and the Slack Reply once the platform took it
// (src/conversation/send.ts). Only the first reply counts; a first-reply reminder that fires later
// sees it and does nothing.
import type { Db } from '../db/client.js';

/** Record the first agent reply; returns true when this call set it. */
export async function recordAgentReply(db: Db, escalationId: string, at: Date): Promise<boolean> {
  const res = await db.escalation.updateMany({
    where: { id: escalationId, firstAgentReplyAt: null },
    data: { firstAgentReplyAt: at },
  });
  return res.count > 0;
}
