// Changes a platform reports on a conversation that already escalated: a customer message (which
// may reopen or escalate it), an assignment, a resolution, contact details.
import type { Prisma } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { AssignedEvent, ContactEvent, MessageEvent, PlatformId, ResolvedEvent } from '../platforms/types.js';
import { recordAgentReply } from '../sla/replies.js';
import { recordAudit } from './audit.js';
import { consumeEcho } from './echoes.js';
import { escalate, findEscalation, mergeLabels } from './escalate.js';
import type { EscalationOutcome } from './outcomes.js';
import { urgentKeywordsIn } from './rules.js';
import type { EscalationServiceDeps } from './service.js';
import { AUDIT, STATUS, SYNC } from '../vocabulary.js';

const NONE: EscalationOutcome = { kind: 'none' };

export async function onMessage(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  event: MessageEvent,
  log: Logger,
  key?: string,
): Promise<EscalationOutcome> {
  const existing = await findEscalation(deps, platform, event.conversationId);
  const fromCustomer = event.author === 'customer';
  if (existing && fromCustomer && existing.status === STATUS.resolved) {
    // The customer wrote again after resolution: reopen.
    const esc = await deps.db.$transaction(async (tx) => {
      const reopened = await tx.escalation.update({
        where: { id: existing.id },
        data: { status: existing.claimedBySlackId ? STATUS.claimed : STATUS.open, resolvedAt: null, resolvedBy: null, lastMessage: event.text },
      });
      await recordAudit(tx, { escalationId: reopened.id, action: AUDIT.reopened, source: 'platform', detail: { by: 'customer message' }, requestKey: key });
      return reopened;
    });
    return { kind: 'reopened_by_customer', escalationId: esc.id, platform, message: { event, key } };
  }
  // Bot answers and agents' messages on the platform: shown in the thread (handoff's own echoes aren't).
  if (!fromCustomer) {
    if (!existing) return NONE;
    // An agent answered the customer: the first-reply clock (service levels) stops, and the card says so.
    const firstReply = event.author === 'agent' && (await recordAgentReply(deps.db, existing.id, event.occurredAt));
    return { kind: 'message', escalationId: existing.id, esc: existing, message: { event, key }, cardChanged: firstReply };
  }
  const keywords = urgentKeywordsIn(event.text, deps.rules.urgentKeywords);
  if (keywords.length > 0 && !existing) {
    return escalate(deps, platform, { ...event, lastMessage: event.text, reason: `Urgent keywords: ${keywords.join(', ')}` }, log, key);
  }
  if (existing && existing.status !== STATUS.resolved) {
    // Keep the card's "last customer message" current; the message goes to the thread with the
    // card's next render (src/slack/present/escalation.ts).
    const esc = await deps.db.escalation.update({ where: { id: existing.id }, data: { lastMessage: event.text } });
    return { kind: 'updated', escalationId: esc.id, esc, message: { event, key } };
  }
  return NONE;
}

export async function onAssigned(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  event: AssignedEvent,
  key?: string,
): Promise<EscalationOutcome> {
  const existing = await findEscalation(deps, platform, event.conversationId);
  if (!existing) return NONE;
  const agentId = event.assignee.id ?? null;
  // An assignment handoff itself made comes back as a webhook: not a new change, no echo. The
  // recorded expectation also catches a late echo that arrives after a later Slack action.
  if (agentId && (await consumeEcho(deps.db, existing.id, 'assigned', agentId))) return NONE;
  if (agentId && existing.platformAgentId === agentId) return NONE;
  const name = event.assignee.name ?? event.assignee.email ?? agentId ?? 'someone';
  // An agent linked to a Slack user (`handoff agents link`) shows as a mention on the card.
  const link = agentId ? await deps.db.agentLink.findFirst({ where: { platform, agentId } }) : null;
  await deps.db.$transaction(async (tx) => {
    await tx.escalation.update({
      where: { id: existing.id },
      data: {
        platformAgentId: agentId,
        assigneeName: name,
        assigneeSlackId: link?.slackUserId ?? null,
        platformSyncState: SYNC.ok,
        platformSyncError: null,
      },
    });
    await recordAudit(tx, { escalationId: existing.id, action: AUDIT.platform_assigned, source: 'platform', actorName: name, requestKey: key });
  });
  return { kind: 'platform_assigned', escalationId: existing.id, platform, agentName: name };
}

export async function onResolved(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  event: ResolvedEvent,
  key?: string,
): Promise<EscalationOutcome> {
  const existing = await findEscalation(deps, platform, event.conversationId);
  if (!existing) return NONE;
  // Our own resolve echoing back: consumed even when a Slack reopen got in before the webhook.
  if (await consumeEcho(deps.db, existing.id, 'resolved')) return NONE;
  if (existing.status === STATUS.resolved) return NONE;
  const by = event.resolvedBy?.name ?? event.resolvedBy?.email ?? 'the platform';
  await deps.db.$transaction(async (tx) => {
    await tx.escalation.update({
      where: { id: existing.id },
      data: {
        status: STATUS.resolved,
        // Stops the SLA claim clock with the change itself; a reopen starts a new one (src/sla/clock.ts).
        claimDueAt: null,
        resolvedAt: event.occurredAt,
        resolvedBy: by,
        labels: mergeLabels(existing.labels, event.labels),
        ...(event.transcript?.length ? { transcript: event.transcript as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    await recordAudit(tx, { escalationId: existing.id, action: AUDIT.resolved, source: 'platform', actorName: by, requestKey: key });
  });
  return { kind: 'platform_resolved', escalationId: existing.id, platform, by };
}

export async function onContact(
  deps: EscalationServiceDeps,
  platform: PlatformId,
  event: ContactEvent,
  log: Logger,
): Promise<EscalationOutcome> {
  // A lead form may arrive without the conversation id; it then names the customer the
  // escalation recorded (Chat Data's lead uuid).
  const existing =
    (await findEscalation(deps, platform, event.conversationId)) ??
    (event.customer.platformId
      ? await deps.db.escalation.findFirst({
          where: { platform, platformCustomerId: event.customer.platformId },
          orderBy: { lastEscalatedAt: 'desc' },
        })
      : null);
  if (!existing) return NONE;
  const email = existing.customerEmail ?? event.customer.email;
  const shopify = !existing.customerEmail && email ? await deps.enricher.snapshotFor(email, null, log) : undefined;
  await deps.db.escalation.update({
    where: { id: existing.id },
    data: {
      customerName: existing.customerName ?? event.customer.name,
      customerEmail: email,
      customerEmailUnverified: existing.customerEmail ? existing.customerEmailUnverified : event.customer.emailVerified === false,
      customerPhone: existing.customerPhone ?? event.customer.phone,
      ...(shopify ? { shopify: shopify as unknown as Prisma.InputJsonValue } : {}),
    },
  });
  return { kind: 'updated', escalationId: existing.id };
}
