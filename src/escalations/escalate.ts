// Storing an escalation: a new one is created with its audit row; a repeated one (the same
// conversation escalating again) updates the row, counts, and reopens it if it was resolved.
import type { Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Customer, EscalatedEvent, PlatformId } from '../platforms/types.js';
import { recordAudit } from './audit.js';
import { appliedBefore, type EscalationOutcome } from './outcomes.js';
import { decidePriority, isVip } from './rules.js';
import type { EscalationServiceDeps } from './service.js';
import { AUDIT, STATUS } from '../vocabulary.js';

/** Looks up a customer's name and email on the platform, for events that carry only an id. */
export type CustomerDirectory = (
  platform: PlatformId,
  conversationId: string,
  platformCustomerId: string | undefined,
) => Promise<{ name?: string; email?: string } | undefined>;

/** What an incoming escalation carries, once the event kind has been decided. */
export interface EscalationInput {
  conversationId: string;
  conversationUrl?: string;
  customer: Customer;
  lastMessage?: string;
  reason?: string;
  declaredPriority?: EscalatedEvent['priority'];
  platformVip?: boolean;
  transcript?: EscalatedEvent['transcript'];
  labels?: string[];
  occurredAt: Date;
}

export function findEscalation(deps: Pick<EscalationServiceDeps, 'db'>, platform: PlatformId, conversationId: string): Promise<Escalation | null> {
  return deps.db.escalation.findUnique({ where: { platform_conversationId: { platform, conversationId } } });
}

export function mergeLabels(current: string[], extra: string[] | undefined): string[] {
  return [...new Set([...current, ...(extra ?? [])])];
}

/** A new escalation (its card gets posted) or a repeated one (card updated, a thread line). */
export async function escalate(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  input: EscalationInput,
  log: Logger,
  key?: string,
): Promise<EscalationOutcome> {
  const { db, enricher, rules } = deps;
  const existing = await findEscalation(deps, platform, input.conversationId);
  if (!input.customer.email && !existing?.customerEmail) {
    input = { ...input, customer: await completeCustomer(deps, platform, input.conversationId, input.customer, log) };
  }
  const email = input.customer.email ?? existing?.customerEmail ?? undefined;
  const emailUnverified = input.customer.email ? input.customer.emailVerified === false : (existing?.customerEmailUnverified ?? false);
  const shopify = await enricher.snapshotFor(email, existing, log);
  // What this event makes of the stored row. `base` is the row as locked inside the transaction,
  // so two events for one conversation applied at once merge instead of overwriting each other.
  const fieldsOver = (base: Escalation | null) => {
    // An address the visitor typed is unverified; a stored verified one stays verified.
    const unverified = input.customer.email ? emailUnverified : (base?.customerEmailUnverified ?? emailUnverified);
    // Shopify found by a typed email could be anyone's account: it alone never makes a VIP.
    const vip = Boolean(input.platformVip) || isVip(input.customer, unverified ? undefined : shopify, rules) || Boolean(base?.vip);
    const { priority, keywords } = decidePriority({ declared: input.declaredPriority, texts: [input.lastMessage, input.reason], vip }, rules);
    const reason = input.reason ?? (keywords.length ? `Urgent keywords: ${keywords.join(', ')}` : undefined);
    return {
      conversationUrl: input.conversationUrl ?? base?.conversationUrl ?? undefined,
      priority,
      vip,
      reason: reason ?? base?.reason ?? undefined,
      customerName: input.customer.name ?? base?.customerName ?? undefined,
      customerEmail: input.customer.email ?? base?.customerEmail ?? email,
      customerEmailUnverified: unverified,
      customerPhone: input.customer.phone ?? base?.customerPhone ?? undefined,
      platformCustomerId: input.customer.platformId ?? base?.platformCustomerId ?? undefined,
      lastMessage: input.lastMessage ?? base?.lastMessage ?? undefined,
      transcript: input.transcript?.length ? (input.transcript as unknown as Prisma.InputJsonValue) : undefined,
      shopify: shopify as unknown as Prisma.InputJsonValue,
      lastEscalatedAt: input.occurredAt,
    };
  };

  if (!existing) {
    let created: Escalation;
    try {
      created = await db.$transaction(async (tx) => {
        const fields = fieldsOver(null);
        const row = await tx.escalation.create({
          data: { platform, conversationId: input.conversationId, ...fields, labels: input.labels ?? [], firstEscalatedAt: input.occurredAt },
        });
        const detail = { reason: row.reason, priority: fields.priority };
        await recordAudit(tx, { escalationId: row.id, action: AUDIT.escalated, source: 'platform', detail, requestKey: key });
        return row;
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        // The same event applied meanwhile, or two deliveries for one conversation raced (the
        // loser becomes a re-escalation).
        const finished = key ? await appliedBefore(db, platform, key, log) : undefined;
        return finished ?? escalate(deps, platform, input, log, key);
      }
      throw err;
    }
    log.info({ escalationId: created.id, priority: created.priority, vip: created.vip, shopify: shopify.status, reEscalated: false }, 'escalation stored');
    return { kind: 'escalated', escalationId: created.id };
  }

  const updated = await db.$transaction(async (tx) => {
    // Row lock: a concurrent event for the same conversation waits here, then builds on this one.
    await tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE "id" = ${existing.id} FOR UPDATE`;
    const current = await tx.escalation.findUniqueOrThrow({ where: { id: existing.id } });
    const fields = fieldsOver(current);
    const reopen = current.status === STATUS.resolved;
    const row = await tx.escalation.update({
      where: { id: existing.id },
      data: {
        ...fields,
        escalationCount: { increment: 1 },
        labels: mergeLabels(current.labels, input.labels),
        ...(reopen ? { status: current.claimedBySlackId ? STATUS.claimed : STATUS.open, resolvedAt: null, resolvedBy: null } : {}),
      },
    });
    await recordAudit(tx, {
      escalationId: row.id,
      action: AUDIT.re_escalated,
      source: 'platform',
      detail: { reason: row.reason, priority: row.priority, reopened: reopen, count: row.escalationCount },
      requestKey: key,
    });
    return row;
  });
  log.info({ escalationId: updated.id, priority: updated.priority, vip: updated.vip, shopify: shopify.status, reEscalated: true }, 'escalation stored');
  // The count this event made (not the card's latest), so concurrent re-escalations each say their own.
  return { kind: 're_escalated', escalationId: updated.id, count: updated.escalationCount, reason: updated.reason };
}

/** Fill in name and email from the platform's API when the event only names the customer by id. */
async function completeCustomer(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  conversationId: string,
  customer: Customer,
  log: Logger,
): Promise<Customer> {
  if (!deps.directory) return customer;
  try {
    const found = await deps.directory(platform, conversationId, customer.platformId);
    return { ...customer, name: customer.name ?? found?.name, email: found?.email };
  } catch (err) {
    // The card must not wait on the platform: it goes out without the email and says so.
    log.warn({ err: (err as Error).message }, 'customer lookup on the platform failed');
    return customer;
  }
}
