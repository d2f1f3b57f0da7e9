// Time to claim, defined once: from the first escalation to the first audit entry that claims it.
// A Claim claims; so does an Assign on an unclaimed escalation (the assignee becomes the claimer,
// recorded as detail.claimedToo). The weekly report evaluates it in TypeScript over audit rows;
// the App Home aggregates it in PostgreSQL with the same rule as SQL. Both read this file.
import { Prisma } from '../db/client.js';
import { AUDIT } from '../vocabulary.js';

export interface ClaimCandidate {
  action: string;
  detail?: unknown;
}

export function isClaimEntry(a: ClaimCandidate): boolean {
  if (a.action === AUDIT.claimed) return true;
  if (a.action !== AUDIT.assigned) return false;
  const d = (a.detail ?? {}) as { claimedToo?: unknown };
  return d.claimedToo === true;
}

/** isClaimEntry as a SQL condition on an "AuditEntry" row aliased `a`. */
export const CLAIM_ENTRY_SQL = Prisma.sql`(a.action = ${AUDIT.claimed} OR (a.action = ${AUDIT.assigned} AND (a.detail ->> 'claimedToo') = 'true'))`;
