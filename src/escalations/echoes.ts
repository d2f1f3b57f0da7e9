// Echo suppression for changes handoff makes on a platform. Before an API call that the platform
// will report back as a webhook (assigning an agent, resolving), the caller records what it
// expects; the webhook handler consumes one matching expectation and treats the event as an echo.
// This holds when the echo is late (after a later Slack action changed the row again) and across
// processes, because the expectation lives in the database, not in memory.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';

export type EchoKind = 'assigned' | 'resolved' | 'message';

/** The `value` of a `message` echo: a hash of the text (the row needn't hold the message itself). */
export function messageEchoValue(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 32);
}

/** Long enough for a slow webhook; short enough that a stale row can't hide a real change for long. */
export const ECHO_TTL_MS = 10 * 60_000;

export async function expectEcho(
  db: Pick<Db, 'platformEcho'>,
  escalationId: string,
  kind: EchoKind,
  value = '',
  now = new Date(),
): Promise<string> {
  // Echoes that never came (a platform without webhooks) are dropped here, so rows stay bounded.
  await db.platformEcho.deleteMany({ where: { escalationId, expiresAt: { lt: now } } });
  const row = await db.platformEcho.create({
    data: { escalationId, kind, value, expiresAt: new Date(now.getTime() + ECHO_TTL_MS) },
    select: { id: true },
  });
  return row.id;
}

/** The API call failed: no echo will come, so an identical change made on the platform is real. */
export async function forgetEcho(db: Pick<Db, 'platformEcho'>, id: string): Promise<void> {
  await db.platformEcho.deleteMany({ where: { id } });
}

/**
 * True if the event is the echo of a change handoff made; that expectation is used up. Two
 * workers handling the same echo can't both consume one row: the delete decides.
 */
export async function consumeEcho(
  db: Pick<Db, 'platformEcho'>,
  escalationId: string,
  kind: EchoKind,
  value = '',
  now = new Date(),
): Promise<boolean> {
  // Housekeeping on the read path keeps the table tiny without a scheduled job.
  await db.platformEcho.deleteMany({ where: { escalationId, expiresAt: { lt: now } } });
  const candidates = await db.platformEcho.findMany({
    where: { escalationId, kind, value, expiresAt: { gte: now } },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
    take: 3,
  });
  for (const c of candidates) {
    const gone = await db.platformEcho.deleteMany({ where: { id: c.id } });
    if (gone.count === 1) return true;
  }
  return false;
}
