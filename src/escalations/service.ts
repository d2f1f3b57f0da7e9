// The escalation domain: turns platform-neutral events into stored escalation state and keeps
// the card in step. It never sees a platform's payload, only PlatformEvents.
import type { Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';
import type {
  AssignedEvent,
  ContactEvent,
  Customer,
  EscalatedEvent,
  MessageEvent,
  PlatformEvent,
  PlatformId,
  ResolvedEvent,
} from '../platforms/types.js';
import type { ShopifySnapshot } from '../shopify/types.js';
import { recordAgentReply } from '../sla/replies.js';
import type { CardPublisher } from '../slack/card-publisher.js';
import type { ConversationMirror } from '../conversation/mirror.js';
import { threadLine } from '../slack/blocks/thread.js';
import { recordAudit } from './audit.js';
import { consumeEcho } from './echoes.js';
import type { Enricher } from './enrich.js';
import { decidePriority, isLowRating, isVip, urgentKeywordsIn, type RuleConfig } from './rules.js';

/** Looks up a customer's name and email on the platform, for events that carry only an id. */
export type CustomerDirectory = (
  platform: PlatformId,
  conversationId: string,
  platformCustomerId: string | undefined,
) => Promise<{ name?: string; email?: string } | undefined>;

export interface EscalationServiceDeps {
  db: Db;
  cards: CardPublisher;
  enricher: Enricher;
  rules: RuleConfig;
  directory?: CustomerDirectory;
  /** Mirrors the conversation's messages into the card's thread (see src/conversation). */
  conversation?: Pick<ConversationMirror, 'record'>;
}

/** What an incoming escalation carries, once the event kind has been decided. */
interface EscalationInput {
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

export class EscalationService {
  constructor(private readonly deps: EscalationServiceDeps) {}

  /**
   * Apply one platform event. `eventKey` names it (delivery id + position): the state change and
   * its audit row are written together under that key, so a retried job (say, after Slack failed)
   * does not apply the change twice; it only finishes the Slack side.
   */
  async handle(platform: PlatformId, event: PlatformEvent, log: Logger, eventKey?: string): Promise<void> {
    const key = eventKey ? `event:${eventKey}` : undefined;
    if (key && (await this.finishIfApplied(platform, key, log))) return;
    switch (event.kind) {
      case 'escalated':
        await this.escalate(platform, { ...event, declaredPriority: event.priority, platformVip: event.vip }, log, key);
        return;
      case 'message':
        return this.onMessage(platform, event, log, key);
      case 'conversation_started': {
        // A conversation alone escalates only for a VIP (by the platform's own attributes).
        if (!isVip(event.customer, undefined, this.deps.rules)) return;
        await this.escalate(platform, { ...event, lastMessage: event.text, reason: 'VIP customer started a conversation' }, log, key);
        return;
      }
      case 'rated': {
        if (!isLowRating(event.rating, event.scale, this.deps.rules)) return;
        const reason = `Low rating: ${event.rating}/${event.scale}`;
        await this.escalate(platform, { ...event, lastMessage: event.comment, reason, declaredPriority: 'high' }, log, key);
        return;
      }
      case 'assigned':
        return this.onAssigned(platform, event, log, key);
      case 'resolved':
        return this.onResolved(platform, event, log, key);
      case 'contact':
        return this.onContact(platform, event, log);
    }
  }

  /** If an earlier attempt already applied this event, redo only its Slack side: the card and its thread line. */
  private async finishIfApplied(platform: PlatformId, key: string, log: Logger): Promise<Escalation | undefined> {
    const done = await this.deps.db.auditEntry.findUnique({ where: { requestKey: key } });
    if (!done?.escalationId) return undefined;
    const { cards } = this.deps;
    const published = await cards.publish(done.escalationId, log);
    const name = cards.platformName(platform);
    const actor = done.actorName ?? undefined;
    const line: Record<string, (() => string) | undefined> = {
      re_escalated: () => threadLine.reEscalated(published.escalationCount, published.reason),
      platform_assigned: () => threadLine.platformAssigned(name, actor),
      resolved: () => threadLine.platformResolved(name, actor),
      reopened: () => threadLine.reopenedByCustomer(name),
    };
    const text = line[done.action]?.();
    if (text) await cards.threadReply(published, text);
    log.info({ escalationId: done.escalationId, action: done.action }, 'event already applied; finished its Slack side');
    return published;
  }

  private find(platform: PlatformId, conversationId: string): Promise<Escalation | null> {
    return this.deps.db.escalation.findUnique({ where: { platform_conversationId: { platform, conversationId } } });
  }

  /** A new escalation posts a card; a repeated one updates the card and replies in its thread. */
  async escalate(platform: PlatformId, input: EscalationInput, log: Logger, key?: string): Promise<Escalation> {
    const { db, cards, enricher, rules } = this.deps;
    const existing = await this.find(platform, input.conversationId);
    if (!input.customer.email && !existing?.customerEmail) {
      input = { ...input, customer: await this.completeCustomer(platform, input.conversationId, input.customer, log) };
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
      const { priority, keywords } = decidePriority(
        { declared: input.declaredPriority, texts: [input.lastMessage, input.reason], vip },
        rules,
      );
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

    let esc: Escalation;
    let reEscalated = false;
    if (!existing) {
      try {
        esc = await db.$transaction(async (tx) => {
          const fields = fieldsOver(null);
          const created = await tx.escalation.create({
            data: {
              platform,
              conversationId: input.conversationId,
              ...fields,
              labels: input.labels ?? [],
              firstEscalatedAt: input.occurredAt,
            },
          });
          await recordAudit(tx, {
            escalationId: created.id,
            action: 'escalated',
            source: 'platform',
            detail: { reason: created.reason, priority: fields.priority },
            requestKey: key,
          });
          return created;
        });
      } catch (err) {
        if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
          // The same event applied meanwhile, or two deliveries for one conversation raced (the
          // loser becomes a re-escalation).
          const finished = key ? await this.finishIfApplied(platform, key, log) : undefined;
          return finished ?? this.escalate(platform, input, log, key);
        }
        throw err;
      }
    } else {
      reEscalated = true;
      esc = await db.$transaction(async (tx) => {
        // Row lock: a concurrent event for the same conversation waits here, then builds on this one.
        await tx.$executeRaw`SELECT 1 FROM "Escalation" WHERE "id" = ${existing.id} FOR UPDATE`;
        const current = await tx.escalation.findUniqueOrThrow({ where: { id: existing.id } });
        const fields = fieldsOver(current);
        const reopen = current.status === 'resolved';
        const updated = await tx.escalation.update({
          where: { id: existing.id },
          data: {
            ...fields,
            escalationCount: { increment: 1 },
            labels: mergeLabels(current.labels, input.labels),
            ...(reopen ? { status: current.claimedBySlackId ? 'claimed' : 'open', resolvedAt: null, resolvedBy: null } : {}),
          },
        });
        await recordAudit(tx, {
          escalationId: updated.id,
          action: 're_escalated',
          source: 'platform',
          detail: { reason: updated.reason, priority: updated.priority, reopened: reopen },
          requestKey: key,
        });
        return updated;
      });
    }

    log.info({ escalationId: esc.id, priority: esc.priority, vip: esc.vip, shopify: shopify.status, reEscalated }, 'escalation stored');
    const published = await cards.publish(esc.id, log);
    // The count this event made (not the card's latest), so concurrent re-escalations each say their own.
    if (reEscalated) await cards.threadReply(published, threadLine.reEscalated(esc.escalationCount, esc.reason));
    return published;
  }

  private async onMessage(platform: PlatformId, event: MessageEvent, log: Logger, key?: string): Promise<void> {
    const existing = await this.find(platform, event.conversationId);
    const fromCustomer = event.author === 'customer';
    if (existing && fromCustomer && existing.status === 'resolved') {
      // The customer wrote again after resolution: reopen.
      const esc = await this.deps.db.$transaction(async (tx) => {
        const reopened = await tx.escalation.update({
          where: { id: existing.id },
          data: { status: existing.claimedBySlackId ? 'claimed' : 'open', resolvedAt: null, resolvedBy: null, lastMessage: event.text },
        });
        await recordAudit(tx, { escalationId: reopened.id, action: 'reopened', source: 'platform', detail: { by: 'customer message' }, requestKey: key });
        return reopened;
      });
      const published = await this.deps.cards.publish(esc.id, log);
      await this.deps.cards.threadReply(published, threadLine.reopenedByCustomer(this.deps.cards.platformName(platform)));
      await this.deps.conversation?.record(published, event, key, log);
      return;
    }
    // Bot answers and agents' messages on the platform: shown in the thread (handoff's own echoes aren't).
    if (!fromCustomer) {
      if (existing && event.author === 'agent' && (await recordAgentReply(this.deps.db, existing.id, event.occurredAt))) {
        // An agent answered the customer: the first-reply clock stops.
        await this.deps.cards.publish(existing.id, log);
      }
      if (existing) await this.deps.conversation?.record(existing, event, key, log);
      return;
    }
    const keywords = urgentKeywordsIn(event.text, this.deps.rules.urgentKeywords);
    if (keywords.length > 0 && !existing) {
      await this.escalate(platform, { ...event, lastMessage: event.text, reason: `Urgent keywords: ${keywords.join(', ')}` }, log, key);
      return;
    }
    if (existing && existing.status !== 'resolved') {
      // Keep the card's "last customer message" current; the mirror re-renders the card with its
      // thread post, once per batch of messages.
      const esc = await this.deps.db.escalation.update({ where: { id: existing.id }, data: { lastMessage: event.text } });
      if (this.deps.conversation) await this.deps.conversation.record(esc, event, key, log);
      else await this.deps.cards.publish(existing.id, log);
    }
  }

  private async onAssigned(platform: PlatformId, event: AssignedEvent, log: Logger, key?: string): Promise<void> {
    const existing = await this.find(platform, event.conversationId);
    if (!existing) return;
    const agentId = event.assignee.id ?? null;
    // An assignment handoff itself made comes back as a webhook: not a new change, no echo. The
    // recorded expectation also catches a late echo that arrives after a later Slack action.
    if (agentId && (await consumeEcho(this.deps.db, existing.id, 'assigned', agentId))) return;
    if (agentId && existing.platformAgentId === agentId) return;
    const name = event.assignee.name ?? event.assignee.email ?? agentId ?? 'someone';
    // An agent linked to a Slack user (`handoff agents link`) shows as a mention on the card.
    const link = agentId ? await this.deps.db.agentLink.findFirst({ where: { platform, agentId } }) : null;
    const esc = await this.deps.db.$transaction(async (tx) => {
      const assigned = await tx.escalation.update({
        where: { id: existing.id },
        data: {
          platformAgentId: agentId,
          assigneeName: name,
          assigneeSlackId: link?.slackUserId ?? null,
          platformSyncState: 'ok',
          platformSyncError: null,
        },
      });
      await recordAudit(tx, { escalationId: assigned.id, action: 'platform_assigned', source: 'platform', actorName: name, requestKey: key });
      return assigned;
    });
    const published = await this.deps.cards.publish(esc.id, log);
    await this.deps.cards.threadReply(published, threadLine.platformAssigned(this.deps.cards.platformName(platform), name));
  }

  private async onResolved(platform: PlatformId, event: ResolvedEvent, log: Logger, key?: string): Promise<void> {
    const existing = await this.find(platform, event.conversationId);
    if (!existing) return;
    // Our own resolve echoing back: consumed even when a Slack reopen got in before the webhook.
    if (await consumeEcho(this.deps.db, existing.id, 'resolved')) return;
    if (existing.status === 'resolved') return;
    const by = event.resolvedBy?.name ?? event.resolvedBy?.email ?? 'the platform';
    const esc = await this.deps.db.$transaction(async (tx) => {
      const resolved = await tx.escalation.update({
        where: { id: existing.id },
        data: {
          status: 'resolved',
          // Stops the SLA claim clock with the change itself; a reopen starts a new one (src/sla/clock.ts).
          claimDueAt: null,
          resolvedAt: event.occurredAt,
          resolvedBy: by,
          labels: mergeLabels(existing.labels, event.labels),
          ...(event.transcript?.length ? { transcript: event.transcript as unknown as Prisma.InputJsonValue } : {}),
        },
      });
      await recordAudit(tx, { escalationId: resolved.id, action: 'resolved', source: 'platform', actorName: by, requestKey: key });
      return resolved;
    });
    const published = await this.deps.cards.publish(esc.id, log);
    await this.deps.cards.threadReply(published, threadLine.platformResolved(this.deps.cards.platformName(platform), by));
  }

  /** Fill in name and email from the platform's API when the event only names the customer by id. */
  private async completeCustomer(platform: PlatformId, conversationId: string, customer: Customer, log: Logger): Promise<Customer> {
    if (!this.deps.directory) return customer;
    try {
      const found = await this.deps.directory(platform, conversationId, customer.platformId);
      return { ...customer, name: customer.name ?? found?.name, email: found?.email };
    } catch (err) {
      // The card must not wait on the platform: it goes out without the email and says so.
      log.warn({ err: (err as Error).message }, 'customer lookup on the platform failed');
      return customer;
    }
  }

  private async onContact(platform: PlatformId, event: ContactEvent, log: Logger): Promise<void> {
    // A lead form may arrive without the conversation id; it then names the customer the
    // escalation recorded (Chat Data's lead uuid).
    const existing =
      (await this.find(platform, event.conversationId)) ??
      (event.customer.platformId
        ? await this.deps.db.escalation.findFirst({
            where: { platform, platformCustomerId: event.customer.platformId },
            orderBy: { lastEscalatedAt: 'desc' },
          })
        : null);
    if (!existing) return;
    const email = existing.customerEmail ?? event.customer.email;
    const shopify =
      !existing.customerEmail && email ? await this.deps.enricher.snapshotFor(email, null, log) : undefined;
    await this.deps.db.escalation.update({
      where: { id: existing.id },
      data: {
        customerName: existing.customerName ?? event.customer.name,
        customerEmail: email,
        customerEmailUnverified: existing.customerEmail ? existing.customerEmailUnverified : event.customer.emailVerified === false,
        customerPhone: existing.customerPhone ?? event.customer.phone,
        ...(shopify ? { shopify: shopify as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    await this.deps.cards.publish(existing.id, log);
  }
}

function mergeLabels(current: string[], extra: string[] | undefined): string[] {
  return [...new Set([...current, ...(extra ?? [])])];
}

export type { ShopifySnapshot };
