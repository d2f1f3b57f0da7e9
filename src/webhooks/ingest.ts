// The webhook path, step 2 of 3 (route.ts -> ingest.ts -> process.ts). Keep, then queue: a verified delivery is written to PostgreSQL and queued before the platform
// gets its 2xx. Idempotency is the unique (platform, deliveryKey) constraint, so a redelivery days
// later (after Redis forgot everything) still has no second effect.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Pool } from '../db/client.js';
import type { PlatformAdapter, WebhookEnvelope } from '../platforms/types.js';
import type { Producer } from '../queue/producer.js';

export type IngestOutcome =
  | { outcome: 'accepted'; deliveryId: string }
  | { outcome: 'duplicate'; deliveryId: string }
  | { outcome: 'ignored'; deliveryId: string; eventType: string };

/** Headers worth keeping for re-parsing: everything except signatures, auth and cookies. */
const SECRET_HEADER = /signature|hmac|authorization|cookie|token|secret/i;

export function keepableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADER.test(name)) continue;
    if (name.startsWith('x-') || name === 'content-type' || name === 'user-agent') {
      kept[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return kept;
}

export function bodyHash(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

export async function ingestDelivery(
  deps: { pool: Pool; producer: Producer },
  input: { adapter: PlatformAdapter; raw: Buffer; body: unknown; headers: IncomingHttpHeaders; envelope: WebhookEnvelope },
): Promise<IngestOutcome> {
  const { adapter, raw, body, headers, envelope } = input;
  const deliveryKey = envelope.deliveryId ? `id:${envelope.deliveryId}` : bodyHash(raw);
  // Parsing is pure and takes microseconds; it tells us whether there is anything to do at all.
  const actionable = adapter.parse(body, headers).length > 0;

  // A named statement: PostgreSQL plans it once per connection instead of on every webhook.
  const { rows } = await deps.pool.query<{ id: string; inserted: boolean; status: string }>({
    name: 'handoff-keep-delivery',
    text: `INSERT INTO "WebhookDelivery" ("id", "platform", "deliveryKey", "eventType", "body", "headers", "status")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT ("platform", "deliveryKey") DO UPDATE SET "platform" = EXCLUDED."platform"
     RETURNING "id", (xmax = 0) AS "inserted", "status"`,
    values: [
      adapter.id,
      deliveryKey,
      envelope.eventType,
      raw.toString('utf8'),
      JSON.stringify(keepableHeaders(headers)),
      actionable ? 'received' : 'ignored',
    ],
  });
  const row = rows[0];
  if (!row) throw new Error('delivery insert returned no row');

  if (!row.inserted) {
    // A delivery we kept but never managed to queue (Redis was down when it first came) gets
    // queued now; jobId = delivery id, and the job itself skips deliveries already processed.
    if (row.status === 'received') await enqueueDelivery(deps.producer, row.id);
    return { outcome: 'duplicate', deliveryId: row.id };
  }
  if (!actionable) return { outcome: 'ignored', deliveryId: row.id, eventType: envelope.eventType };
  await enqueueDelivery(deps.producer, row.id);
  return { outcome: 'accepted', deliveryId: row.id };
}

export function enqueueDelivery(producer: Producer, deliveryId: string): Promise<string | undefined> {
  return producer.enqueue('delivery.process', { deliveryId }, { jobId: `delivery-${deliveryId}` });
}
