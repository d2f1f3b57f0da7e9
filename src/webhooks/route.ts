// The webhook path, step 1 of 3 (route.ts -> ingest.ts -> process.ts). POST /webhooks/:platform, in a fixed order: raw body (1 MiB) -> platform enabled? -> verify
// signature over the raw bytes -> parse JSON -> keep + queue -> 2xx. Nothing slow happens here.
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { IngestBatcher } from './keep.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { unavailablePlatformMessage } from '../platforms/availability.js';
import type { PlatformAdapter, PlatformId, WebhookEnvelope } from '../platforms/types.js';
import { ingestDelivery } from './ingest.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookDeps {
  adapters: Map<PlatformId, PlatformAdapter>;
  ingest: IngestBatcher;
  metrics: Metrics;
  logger: Logger;
}

export function webhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });

  router.post('/webhooks/:platform', raw, async (req: Request, res: Response) => {
    const platform = String(req.params.platform);
    const adapter = deps.adapters.get(platform as PlatformId);
    // The label is the adapter's id, never the raw path: arbitrary URLs must not create metric series.
    const count = (outcome: string) => deps.metrics.webhooks.inc({ platform: adapter?.id ?? 'unknown', outcome });
    if (!adapter) {
      count('not_found');
      res.status(404).json({ error: unavailablePlatformMessage(platform, deps.adapters.keys()) });
      return;
    }
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = adapter.verify(body, req.headers);
    if (!verdict.ok) {
      count('unauthorized');
      // Why it failed goes to the log only: telling the sender helps a forger more than a platform.
      deps.logger.warn({ platform, reason: verdict.reason }, 'webhook signature rejected');
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    let parsed: unknown;
    let envelope: WebhookEnvelope;
    try {
      parsed = JSON.parse(body.toString('utf8'));
      envelope = adapter.envelope(parsed, req.headers);
    } catch {
      count('bad_request');
      res.status(400).json({ error: 'body is not a JSON object' });
      return;
    }
    try {
      const result = await ingestDelivery(deps.ingest, { adapter, raw: body, body: parsed, headers: req.headers, envelope });
      count(result.outcome);
      deps.logger.debug({ platform, ...result }, 'webhook kept');
      res.status(result.outcome === 'accepted' ? 202 : 200).json({ ok: true, ...result });
    } catch (err) {
      // PostgreSQL or Redis unavailable for this request's batch: not kept (or not queued), so the
      // platform must retry.
      count('unavailable');
      deps.logger.error({ platform, err: errorSummary(err) }, 'webhook not kept: dependency unavailable');
      res.status(503).setHeader('Retry-After', '5').json({ error: 'temporarily unavailable, retry later' });
    }
  });

  // body-parser's errors (too large, aborted) arrive here before the route runs.
  router.use('/webhooks', (err: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    const name = req.path.split('/')[1] ?? '';
    const platform = deps.adapters.has(name as PlatformId) ? name : 'unknown';
    if (err.type === 'entity.too.large') {
      deps.metrics.webhooks.inc({ platform, outcome: 'too_large' });
      res.status(413).json({ error: `body larger than ${WEBHOOK_BODY_LIMIT} bytes` });
      return;
    }
    if (err.status && err.status >= 400 && err.status < 500) {
      res.status(err.status).json({ error: 'bad request' });
      return;
    }
    next(err);
  });
  return router;
}

/** Message and code only: driver errors can embed connection strings or query parameters. */
export function errorSummary(err: unknown): { name?: string; message: string; code?: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, message: err.message.split('\n')[0] ?? '', code: typeof code === 'string' ? code : undefined };
  }
  return { message: String(err) };
}
