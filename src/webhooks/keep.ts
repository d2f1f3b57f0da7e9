// The keep-and-queue step for a batch of verified deliveries: one multi-row upsert (one statement,
// so one transaction and one commit), then one BullMQ addBulk, then each request's own outcome.
// Outcomes are what one request at a time would get: 202 accepted, 200 duplicate or ignored; if the
// commit or the enqueue fails, the whole batch fails (503 for all, nothing acknowledged).
import type { Pool } from '../db/client.js';
import type { Metrics } from '../metrics.js';
import type { Producer } from '../queue/producer.js';
import { Batcher } from './batcher.js';

/** One verified delivery, ready to store. */
export interface KeepRequest {
  platform: string;
  /** The platform's delivery id (`id:…`) or a hash of the body: the idempotency key. */
  deliveryKey: string;
  eventType: string;
  body: string;
  /** JSON of the non-secret headers. */
  headers: string;
  /** Whether parsing found anything to do; if not the delivery is stored as `ignored`. */
  actionable: boolean;
}

export type IngestOutcome =
  | { outcome: 'accepted'; deliveryId: string }
  | { outcome: 'duplicate'; deliveryId: string }
  | { outcome: 'ignored'; deliveryId: string; eventType: string };

export type IngestBatcher = Batcher<KeepRequest, IngestOutcome>;

interface KeptRow {
  id: string;
  platform: string;
  deliveryKey: string;
  inserted: boolean;
  status: string;
}

// A fixed text whatever the batch size (arrays, not one placeholder per value), so the named
// statement is planned once per connection. Keys go in sorted so that two processes upserting
// overlapping batches lock rows in the same order and cannot deadlock.
const UPSERT = `INSERT INTO "WebhookDelivery" ("id", "platform", "deliveryKey", "eventType", "body", "headers", "status")
  SELECT gen_random_uuid(), t.platform, t.key, t.event_type, t.body, t.headers::jsonb, t.status
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(platform, key, event_type, body, headers, status)
  ON CONFLICT ("platform", "deliveryKey") DO UPDATE SET "platform" = EXCLUDED."platform"
  RETURNING "id", "platform", "deliveryKey", (xmax = 0) AS "inserted", "status"`;

const keyOf = (r: { platform: string; deliveryKey: string }) => `${r.platform}\u0000${r.deliveryKey}`;

export async function keepAndQueue(deps: { pool: Pool; producer: Producer }, requests: KeepRequest[]): Promise<IngestOutcome[]> {
  // ON CONFLICT cannot touch one row twice in a statement: the first request of each key is
  // written, later ones in the batch are its duplicates.
  const firsts = new Map<string, KeepRequest>();
  for (const r of requests) if (!firsts.has(keyOf(r))) firsts.set(keyOf(r), r);
  const distinct = [...firsts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);

  const { rows } = await deps.pool.query<KeptRow>({
    name: 'handoff-keep-deliveries',
    text: UPSERT,
    values: [
      distinct.map((r) => r.platform),
      distinct.map((r) => r.deliveryKey),
      distinct.map((r) => r.eventType),
      distinct.map((r) => r.body),
      distinct.map((r) => r.headers),
      distinct.map((r) => (r.actionable ? 'received' : 'ignored')),
    ],
  });
  const kept = new Map(rows.map((row) => [keyOf(row), row]));
  if (kept.size !== distinct.length) throw new Error(`delivery upsert returned ${kept.size} rows for ${distinct.length} keys`);

  // Every delivery still `received` gets its job: new ones, and ones kept earlier but never queued
  // (Redis was down when they first came). The job id is the delivery id, so BullMQ adds each once.
  const toQueue = rows.filter((row) => row.status === 'received');
  await deps.producer.enqueueBulk(
    'events',
    toQueue.map((row) => ({
      name: 'delivery.process' as const,
      data: { deliveryId: row.id },
      options: { jobId: deliveryJobId(row.id) },
    })),
  );

  const answered = new Set<string>();
  return requests.map((r): IngestOutcome => {
    const key = keyOf(r);
    const row = kept.get(key) as KeptRow;
    const first = !answered.has(key);
    answered.add(key);
    if (!first || !row.inserted) return { outcome: 'duplicate', deliveryId: row.id };
    if (row.status === 'ignored') return { outcome: 'ignored', deliveryId: row.id, eventType: r.eventType };
    return { outcome: 'accepted', deliveryId: row.id };
  });
}

export function deliveryJobId(deliveryId: string): string {
  return `delivery-${deliveryId}`;
}

/** A batch stops growing at this many bytes of bodies (one body alone may be up to 1 MiB). */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function createIngestBatcher(
  deps: { pool: Pool; producer: Producer; metrics: Metrics },
  limits: { maxBatch: number; maxFlushes: number },
): IngestBatcher {
  return new Batcher((batch) => keepAndQueue(deps, batch), {
    ...limits,
    maxWeight: MAX_BATCH_BYTES,
    weigh: (r) => r.body.length,
    onFlush(size, seconds, ok) {
      deps.metrics.ingestBatchSize.observe(size);
      deps.metrics.ingestFlushSeconds.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
    },
  });
}
