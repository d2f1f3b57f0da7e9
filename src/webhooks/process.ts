// The webhook path, step 3 of 3 (route.ts -> ingest.ts -> process.ts). delivery.process: a stored webhook delivery becomes domain events. Idempotent: a delivery that
// was already processed is skipped, so a re-queued or replayed job has no second effect.
import type { IncomingHttpHeaders } from 'node:http';
import { UnrecoverableError } from 'bullmq';
import type { Db } from '../db/client.js';
import type { EscalationOutcome } from '../escalations/outcomes.js';
import type { EscalationService } from '../escalations/service.js';
import type { Logger } from '../logger.js';
import type { PlatformAdapter, PlatformId } from '../platforms/types.js';

export interface ProcessDeliveryDeps {
  db: Db;
  adapters: Map<PlatformId, PlatformAdapter>;
  escalations: EscalationService;
  /** Shows each outcome (in Slack: src/slack/present/escalation.ts). */
  present: (outcome: EscalationOutcome, log: Logger) => Promise<unknown>;
}

export async function processDelivery(deps: ProcessDeliveryDeps, deliveryId: string, log: Logger): Promise<string> {
  const delivery = await deps.db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) return 'missing';
  if (delivery.status === 'processed' || delivery.status === 'ignored') return 'already-done';
  const adapter = deps.adapters.get(delivery.platform as PlatformId);
  if (!adapter) {
    // The platform was disabled after the delivery was kept; keep it for a later replay.
    throw new Error(`platform ${delivery.platform} is not enabled; the delivery stays queued`);
  }
  const elog = log.child({ platform: delivery.platform, deliveryId, eventType: delivery.eventType });
  const headers = (delivery.headers ?? {}) as IncomingHttpHeaders;
  // Erased by retention or `handoff forget` before it was processed: nothing left to parse.
  if (delivery.body === null) throw new UnrecoverableError('the delivery body was erased; nothing to process');
  const events = adapter.parse(JSON.parse(delivery.body), headers);
  for (const [index, event] of events.entries()) {
    // Payloads rarely carry a deep link; the adapter knows how to build one.
    event.conversationUrl ??= adapter.conversationUrl(event.conversationId);
    const eventLog = elog.child({ kind: event.kind, conversationId: event.conversationId });
    const outcome = await deps.escalations.handle(adapter.id, event, eventLog, `${deliveryId}:${index}`);
    await deps.present(outcome, eventLog);
  }
  await deps.db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status: 'processed', processedAt: new Date(), error: null },
  });
  return `processed ${events.length} event(s)`;
}

/** Deliveries kept but not processed after `olderThanMs` (their job was lost with Redis): queue them again. */
export async function findStrandedDeliveries(db: Db, olderThanMs: number, limit = 500): Promise<string[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { status: 'received', receivedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    orderBy: { receivedAt: 'asc' },
    take: limit,
  });
  return rows.map((r) => r.id);
}
