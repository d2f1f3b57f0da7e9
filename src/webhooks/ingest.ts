// The webhook path, step 2 of 3 (route.ts -> ingest.ts -> process.ts). Keep, then queue: a verified delivery is written to PostgreSQL and queued before the platform
// gets its 2xx, in a batch shared with the requests that arrive together (keep.ts, batcher.ts). Idempotency
// is the unique (platform, deliveryKey) constraint, so a redelivery days later (after Redis forgot
// everything) still has no second effect.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { deliveryJobId, type IngestBatcher, type IngestOutcome } from './keep.js';
import type { PlatformAdapter, WebhookEnvelope } from '../platforms/types.js';
import type { Producer } from '../queue/producer.js';

export type { IngestOutcome };

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

/** A verified delivery as the batcher stores it; the answer comes when its batch is kept and queued. */
export function ingestDelivery(
  batcher: IngestBatcher,
  input: { adapter: PlatformAdapter; raw: Buffer; body: unknown; headers: IncomingHttpHeaders; envelope: WebhookEnvelope },
): Promise<IngestOutcome> {
  const { adapter, raw, body, headers, envelope } = input;
  return batcher.submit({
    platform: adapter.id,
    deliveryKey: envelope.deliveryId ? `id:${envelope.deliveryId}` : bodyHash(raw),
    eventType: envelope.eventType,
    body: raw.toString('utf8'),
    headers: JSON.stringify(keepableHeaders(headers)),
    // Parsing is pure and takes microseconds; it tells us whether there is anything to do at all.
    actionable: adapter.parse(body, headers).length > 0,
  });
}

export function enqueueDelivery(producer: Producer, deliveryId: string): Promise<string | undefined> {
  return producer.enqueue('delivery.process', { deliveryId }, { jobId: deliveryJobId(deliveryId) });
}
