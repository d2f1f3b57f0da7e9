// `handoff forget <email>`: erase one customer's personal data from handoff's database, the answer
// to a shop's data-erasure request. Escalations of that customer keep their timing, status,
// priority and labels (the weekly report counts them) but lose name, email, phone, platform
// customer id, messages, transcript, Shopify snapshot and AI triage. Elsewhere the address is cut
// out wherever it appears: other escalations' texts, raw webhook bodies (erased whole: they hold
// the rest of that customer's chat too), thread messages and audit details. One transaction: all or nothing.
import { type Db, Prisma } from '../db/client.js';

export interface ForgetResult {
  email: string;
  /** Escalations of this customer whose personal fields were cleared. */
  escalations: string[];
  /** Other escalations whose texts mentioned the address (the address was removed). */
  mentions: string[];
  /** Raw webhook bodies erased. */
  deliveries: number;
  /** Audit entries whose details carried the address. */
  auditEntries: number;
  /** Thread messages (customer messages, replies, notes) erased or scrubbed of the address. */
  messages: number;
}

const ERASED = '[erased]';

/** LIKE pattern that matches the address anywhere, case-insensitively with ILIKE. */
function likeAnywhere(email: string): string {
  return `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** POSIX regex matching the address literally (for regexp_replace with the 'gi' flags). */
function literalRegex(email: string): string {
  return email.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}

export function isEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

export async function forgetCustomer(db: Db, rawEmail: string): Promise<ForgetResult> {
  const email = rawEmail.trim();
  if (!isEmail(email)) throw new Error(`"${rawEmail}" is not an email address`);
  const like = likeAnywhere(email);
  const rx = literalRegex(email);
  return db.$transaction(async (tx) => {
    const own = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Escalation" SET
        "customerName" = NULL, "customerEmail" = NULL, "customerPhone" = NULL, "platformCustomerId" = NULL,
        "lastMessage" = NULL, "transcript" = NULL, "shopify" = NULL, "triage" = NULL, "updatedAt" = now()
      WHERE lower("customerEmail") = lower(${email})
      RETURNING "id"`;
    const mentions = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "Escalation" SET
        "lastMessage" = regexp_replace("lastMessage", ${rx}, ${ERASED}, 'gi'),
        "reason" = regexp_replace("reason", ${rx}, ${ERASED}, 'gi'),
        "transcript" = regexp_replace("transcript"::text, ${rx}, ${ERASED}, 'gi')::jsonb,
        "shopify" = regexp_replace("shopify"::text, ${rx}, ${ERASED}, 'gi')::jsonb,
        "triage" = regexp_replace("triage"::text, ${rx}, ${ERASED}, 'gi')::jsonb,
        "updatedAt" = now()
      WHERE "lastMessage" ILIKE ${like} OR "reason" ILIKE ${like} OR "transcript"::text ILIKE ${like}
         OR "shopify"::text ILIKE ${like} OR "triage"::text ILIKE ${like}
      RETURNING "id"`;
    const deliveries = await tx.webhookDelivery.updateMany({
      where: { OR: [{ body: { contains: email, mode: 'insensitive' } }] },
      data: { body: null, headers: Prisma.DbNull },
    });
    // The customer's own conversation is erased whole; rows stay (their keys keep sends idempotent).
    const ownIds = own.map((r) => r.id);
    const ownMessages = await tx.conversationMessage.updateMany({
      where: { escalationId: { in: ownIds } },
      data: { text: ERASED },
    });
    const mentionedMessages = await tx.$executeRaw`
      UPDATE "ConversationMessage" SET "text" = regexp_replace("text", ${rx}, ${ERASED}, 'gi')
      WHERE "text" ILIKE ${like}`;
    const audit = await tx.$executeRaw`
      UPDATE "AuditEntry" SET
        "detail" = regexp_replace("detail"::text, ${rx}, ${ERASED}, 'gi')::jsonb,
        "actorName" = regexp_replace("actorName", ${rx}, ${ERASED}, 'gi')
      WHERE "detail"::text ILIKE ${like} OR "actorName" ILIKE ${like}`;
    return {
      email,
      escalations: own.map((r) => r.id),
      mentions: mentions.map((r) => r.id),
      deliveries: deliveries.count,
      auditEntries: audit,
      messages: ownMessages.count + mentionedMessages,
    };
  });
}

export function describeForget(r: ForgetResult): string {
  const total = r.escalations.length + r.mentions.length + r.deliveries + r.auditEntries + r.messages;
  if (total === 0) return `nothing stored about ${r.email}`;
  const lines = [`erased ${r.email}:`];
  lines.push(`  escalations of this customer, personal fields cleared: ${r.escalations.length}${list(r.escalations)}`);
  lines.push(`  other escalations mentioning the address, address removed: ${r.mentions.length}${list(r.mentions)}`);
  lines.push(`  raw webhook bodies erased: ${r.deliveries}`);
  lines.push(`  audit entries scrubbed: ${r.auditEntries}`);
  lines.push(`  thread messages erased or scrubbed: ${r.messages}`);
  lines.push('Cards already posted in Slack keep their text until they are next updated; delete them in Slack if needed.');
  return lines.join('\n');
}

function list(ids: string[]): string {
  return ids.length ? ` (${ids.join(', ')})` : '';
}
