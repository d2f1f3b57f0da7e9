// Composition root: builds every client, repository and service once, from a Config, and passes
// them explicitly. Tests build the same container with a test Config and fakes' URLs.
import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Worker } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { AgentDirectory } from './access/agents.js';
import type { Config } from './config.js';
import { createDb, createPool, type Db, type Pool } from './db/client.js';
import { ConversationMirror } from './conversation/mirror.js';
import { Enricher } from './escalations/enrich.js';
import type { EscalationOutcome } from './escalations/outcomes.js';
import { EscalationService } from './escalations/service.js';
import { createHttpApp } from './http/app.js';
import type { ReplyDrafts } from './slack/reply-drafting.js';
import { processDelivery } from './webhooks/process.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { FEATURES } from './features/index.js';
import { createPlatformApis } from './platforms/apis.js';
import { NO_PLATFORM_WARNING } from './platforms/availability.js';
import { createAdapters } from './platforms/registry.js';
import type { PlatformAdapter, PlatformApi, PlatformId } from './platforms/types.js';
import { QUEUE_NAMES } from './queue/catalog.js';
import { createProducerConnection, createWorkerConnection } from './queue/connection.js';
import { Producer } from './queue/producer.js';
import { createIngestBatcher, type IngestBatcher } from './webhooks/keep.js';
import { type JobHandlers, startWorkers } from './queue/worker.js';
import { createShopifyClient, type ShopifyClient } from './shopify/client.js';
import { createBoltApp } from './slack/bolt.js';
import { CardPublisher } from './slack/card-publisher.js';
import { CardRenders } from './slack/card-renders.js';
import { createSlackClient } from './slack/client.js';
import { PacedCalls } from './slack/paced-calls.js';
import { SlackPacer } from './slack/pacer.js';
import { EscalationPresenter } from './slack/present/escalation.js';
import { retriesExhausted } from './queue/attempts.js';
import { deadLetterCard, deadLetterDelivery } from './webhooks/fallback-card.js';
import { sweepStrandedDeliveries } from './webhooks/sweep.js';

export type Role = 'all' | 'web' | 'worker';

/** Knobs tests turn to keep timings short; production uses the defaults. */
export interface Tuning {
  logger?: Logger;
  cardPostLeaseMs?: number;
  lockDurationMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long a pending Shopify lookup is retried before the card says it gave up. */
  enrichGiveUpMs?: number;
  /** Deliveries kept but unprocessed this long are re-queued by the sweeper. */
  strandedAfterMs?: number;
  sweepEveryMs?: number;
  /** How long the list of agents is trusted without a membership event. */
  agentCacheMs?: number;
  /** Per-request timeout of the chat platforms' APIs (default 10 s). */
  platformTimeoutMs?: number;
  /** How long customer messages collect before they are posted in the card's thread together. */
  mirrorWindowMs?: number;
  /** How long Reply waits for an AI draft before opening the modal without it (default 1.5 s). */
  draftWaitMs?: number;
  /** OpenAI brakes (src/ai/guard.ts): triage calls per minute, failures before the circuit opens, pause. */
  aiBudgetPerMinute?: number;
  aiCircuitFailures?: number;
  aiCircuitOpenMs?: number;
  /**
   * SLA clocks and reminders (default on). The integration harness turns them off for test files
   * that share one database, where another file's old unclaimed rows would be reminded through
   * this file's fake Slack; the SLA tests run on a database of their own with them on.
   */
  sla?: boolean;
  /** SLA reminders coming due within this window are delivered together (storm summary). */
  slaWindowMs?: number;
  /** A reminder flush holding rows this long is presumed crashed. */
  slaLeaseMs?: number;
}

export interface Container {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Db;
  /** The pool under Prisma, for the webhook hot path's plain SQL. */
  pool: Pool;
  producerRedis: Redis;
  producer: Producer;
  /** Keeps and queues verified webhooks, one commit per batch of requests that arrive together. */
  ingest: IngestBatcher;
  adapters: Map<PlatformId, PlatformAdapter>;
  /** Outbound APIs of the platforms that have one (Oscar Chat, ShopGuide). */
  platformApis: Map<PlatformId, PlatformApi>;
  slack: WebClient;
  /** Who may act (src/access). */
  agents: AgentDirectory;
  shopify: ShopifyClient;
  cards: CardPublisher;
  escalations: EscalationService;
  conversation: ConversationMirror;
  /** AI drafts for the Reply modal; set by the AI feature when OPENAI_API_KEY is. */
  replyDrafts?: ReplyDrafts;
  handlers: JobHandlers;
  tuning: Tuning;
}

export function buildContainer(config: Config, tuning: Tuning = {}): Container {
  const logger = tuning.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics({ defaults: config.env === 'production' });
  const pool = createPool(config.databaseUrl);
  const db = createDb(config.databaseUrl, { pool });
  const producerRedis = createProducerConnection(config.redisUrl);
  // An unreachable Redis is reported by /readyz and by 503s; don't crash on the connection's errors.
  producerRedis.on('error', () => undefined);
  const producer = new Producer(producerRedis, config.queuePrefix);
  const adapters = createAdapters(config);
  const slack = createSlackClient(config.slack, metrics);
  const shopify = createShopifyClient(config.shopify, { logger, metrics });
  const platformApis = createPlatformApis(config, { metrics, logger, timeoutMs: tuning.platformTimeoutMs });
  const cards = new CardPublisher(db, slack, adapters, {
    channel: config.slack.escalationChannel,
    labels: config.labels,
    slaClaimMinutes: config.slaClaimMinutes,
    sla: config.sla,
    postLeaseMs: tuning.cardPostLeaseMs,
    pace: new PacedCalls(new SlackPacer(producerRedis, config.queuePrefix), config.slack),
    renders: new CardRenders(producer),
  });
  const conversation = new ConversationMirror({ db, producer, cards, windowMs: tuning.mirrorWindowMs });
  const escalations = new EscalationService({
    db,
    enricher: new Enricher(shopify, config.shopify.cardBudgetMs),
    rules: config.rules,
    directory: async (platform, conversationId, customerId) =>
      platformApis.get(platform)?.lookupCustomer?.(conversationId, customerId),
  });

  const presenter = new EscalationPresenter(cards, conversation);
  const present = (outcome: EscalationOutcome, log: Logger) => presenter.present(outcome, log);

  const container: Container = {
    config,
    logger,
    metrics,
    db,
    pool,
    producerRedis,
    producer,
    ingest: createIngestBatcher({ pool, producer, metrics }, config.ingest),
    adapters,
    platformApis,
    slack,
    agents: new AgentDirectory(
      slack,
      { usergroup: config.slack.agentUsergroup, channel: config.slack.escalationChannel },
      tuning.agentCacheMs,
    ),
    shopify,
    cards,
    escalations,
    conversation,
    handlers: {},
    tuning,
  };
  container.handlers = {
    'delivery.process': (data, { log }) => processDelivery({ db, adapters, escalations, present }, data.deliveryId, log),
    'card.render': async (data, { log }) => (await cards.publish(data.escalationId, log, true)).slackTs,
    'delivery.sweep': async (_data, { log }) => {
      const ids = await sweepStrandedDeliveries(db, producer, tuning.strandedAfterMs ?? 60_000);
      if (ids.length) log.warn({ count: ids.length }, 're-queued stranded deliveries');
      return ids.length;
    },
    ...Object.assign({}, ...FEATURES.map((f) => f.jobs?.(container) ?? {})),
  };
  for (const feature of FEATURES) feature.setup?.(container);
  return container;
}

export interface Running {
  container: Container;
  server?: Server;
  bolt?: App;
  workers: Worker[];
  port?: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra routes on the same Express app, mounted after Bolt's and the webhooks' (the sandbox page). */
  routes?: (app: Express, container: Container) => void;
}

/** Start the HTTP server and/or workers and scheduler for a role. */
export async function start(container: Container, role: Role, options: StartOptions = {}): Promise<Running> {
  const { config, logger, db, producer, producerRedis } = container;
  let server: Server | undefined;
  let bolt: App | undefined;
  const workers: Worker[] = [];
  let workerRedis: Redis | undefined;

  if (role === 'all' || role === 'web') {
    const { app, receiver } = createHttpApp({
      signingSecret: config.slack.signingSecret,
      adapters: container.adapters,
      db,
      pool: container.pool,
      redis: producerRedis,
      producer,
      ingest: container.ingest,
      metrics: container.metrics,
      logger,
      metricsToken: config.metricsToken,
    });
    bolt = createBoltApp(config.slack, receiver, logger);
    for (const feature of FEATURES) feature.listeners?.(bolt, container);
    options.routes?.(app, container);
    server = await new Promise<Server>((resolve, reject) => {
      // Express 5 hands a listen error (EADDRINUSE) to this callback instead of throwing.
      const s = app.listen(config.port, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    // Keep idle connections longer than the clients and proxies in front do (load balancers
    // commonly idle out at 60 s): with Node's 5 s default, a platform or proxy reusing a socket
    // just as the server closes it gets ECONNRESET, and a webhook retry for nothing.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }

  if (role === 'all' || role === 'worker') {
    workerRedis = createWorkerConnection(config.redisUrl);
    workers.push(
      ...startWorkers([...QUEUE_NAMES], container.handlers, {
        connection: workerRedis,
        prefix: config.queuePrefix,
        logger,
        metrics: container.metrics,
        lockDurationMs: container.tuning.lockDurationMs,
        // The card lane keeps about one render in flight per post a second it may make: at
        // Slack's pace (1/s) that is one at a time, so its priority order is the order Slack sees.
        concurrency: {
          events: config.workerConcurrency,
          actions: config.workerConcurrency,
          slack: Math.ceil(config.slack.postsPerSecond ?? 1),
        },
        // The card lane's pace is kept by PacedError + BullMQ's manual rate limit; this ceiling
        // is what makes BullMQ honour that limit (it only checks it on a limited queue).
        limiter: { slack: { max: 50, duration: 1000 } },
        backoffBaseMs: container.tuning.backoffBaseMs,
        backoffMaxMs: container.tuning.backoffMaxMs,
      }),
    );
    wireDeadLetters(container, workers);
    // A job scheduler (not a plain repeat) so any number of workers and restarts keep exactly one.
    await producer.queues.events.upsertJobScheduler(
      'delivery-sweep',
      { every: container.tuning.sweepEveryMs ?? 60_000 },
      { name: 'delivery.sweep', data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
    );
    for (const feature of FEATURES) await feature.onWorkerStart?.(container);
  }

  const address = server?.address();
  const port = typeof address === 'object' && address ? address.port : undefined;
  logger.info({ role, port, platforms: [...container.adapters.keys()] }, 'handoff started');
  if (container.adapters.size === 0) logger.warn(`WARNING: ${NO_PLATFORM_WARNING}`);

  let stopped = false;
  return {
    container,
    server,
    bolt,
    workers,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop taking requests first, then let in-flight jobs finish (or return to the queue).
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      await Promise.all(workers.map((w) => w.close()));
      await producer.close();
      workerRedis?.disconnect();
      producerRedis.disconnect();
      await db.$disconnect();
      await container.pool.end().catch(() => undefined);
    },
  };
}

/**
 * A delivery whose job gave up is marked failed, so the sweeper leaves it to `handoff dlq retry`;
 * one that carried an escalation still reaches the channel as a fallback card.
 */
function wireDeadLetters(container: Container, workers: Worker[]): void {
  for (const worker of workers) {
    worker.on('failed', (job, err) => {
      if (job?.name !== 'delivery.process' && job?.name !== 'card.render') return;
      const final = err.name === 'UnrecoverableError' || retriesExhausted(job);
      if (!final || !job.id) return;
      const { db, slack, adapters, config, logger } = container;
      const deps = { db, slack, adapters, rules: config.rules, channel: config.slack.escalationChannel, logger };
      const data = job.data as { deliveryId?: string; escalationId?: string };
      // The card lane gave up on a card that never reached Slack: the same fallback, from the row.
      const done = data.deliveryId
        ? deadLetterDelivery(deps, data.deliveryId, job.id, err.message)
        : deadLetterCard(deps, data.escalationId as string, job.id, err.message);
      done.catch((e) => logger.error({ err: (e as Error).message }, 'could not dead-letter the job'));
    });
  }
}
