// One Express app: Bolt's receiver on /slack/events (sharing the app), the webhook routes with a
// raw body on those routes only, and the health/metrics routes. No business logic here.
import { ExpressReceiver } from '@slack/bolt';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Db, Pool } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { PlatformAdapter, PlatformId } from '../platforms/types.js';
import type { IngestBatcher } from '../webhooks/keep.js';
import type { Producer } from '../queue/producer.js';
import { boltLogger } from '../slack/bolt-logger.js';
import { healthRouter } from './health.js';
import { webhookRouter } from '../webhooks/route.js';

export interface HttpDeps {
  signingSecret: string;
  adapters: Map<PlatformId, PlatformAdapter>;
  db: Db;
  pool: Pool;
  redis: Redis;
  producer: Producer;
  ingest: IngestBatcher;
  metrics: Metrics;
  logger: Logger;
  metricsToken?: string;
}

export function createHttpApp(deps: HttpDeps): { app: Express; receiver: ExpressReceiver } {
  const app = express();
  app.disable('x-powered-by');
  // Never app-wide body parsers: Bolt reads its own raw body, and webhooks need raw bytes for HMAC.
  app.use(healthRouter(deps));
  app.use(webhookRouter(deps));
  const receiver = new ExpressReceiver({
    signingSecret: deps.signingSecret,
    app,
    endpoints: '/slack/events',
    // Its verification failures are logged (with the reason) through pino; the 401 says nothing.
    logger: boltLogger(deps.logger),
    // Ack first, work later: listeners ack and hand work to the queue.
    processBeforeResponse: false,
  });
  return { app, receiver };
}
