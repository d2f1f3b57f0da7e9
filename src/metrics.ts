// Prometheus metrics on a registry owned by the container (not the global one), so tests that
// build several apps in one process do not collide.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhooks: Counter<'platform' | 'outcome'>;
  ingestBatchSize: Histogram;
  ingestFlushSeconds: Histogram<'outcome'>;
  jobDuration: Histogram<'job' | 'outcome'>;
  queueDepth: Gauge<'queue' | 'state'>;
  slackCalls: Counter<'method' | 'outcome'>;
  shopifyCalls: Counter<'operation' | 'outcome'>;
  platformCalls: Counter<'platform' | 'operation' | 'outcome'>;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'handoff_' });
  return {
    registry,
    webhooks: new Counter({
      name: 'handoff_webhooks_total',
      help: 'Webhook requests by platform and outcome (accepted, duplicate, ignored, unauthorized, too_large, bad_request, unavailable, not_found)',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    ingestBatchSize: new Histogram({
      name: 'handoff_ingest_batch_size',
      help: 'Webhooks kept and queued together in one flush (one commit, one addBulk)',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    }),
    ingestFlushSeconds: new Histogram({
      name: 'handoff_ingest_flush_seconds',
      help: 'Time to keep and queue one batch of webhooks (PostgreSQL commit + BullMQ addBulk), by outcome (ok, failed)',
      labelNames: ['outcome'],
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'handoff_job_duration_seconds',
      help: 'Background job durations by job name and outcome',
      labelNames: ['job', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'handoff_queue_jobs',
      help: 'Jobs per queue and state, sampled at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    slackCalls: new Counter({
      name: 'handoff_slack_calls_total',
      help: 'Slack Web API calls by method and outcome',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    shopifyCalls: new Counter({
      name: 'handoff_shopify_calls_total',
      help: 'Shopify Admin API calls by operation and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    platformCalls: new Counter({
      name: 'handoff_platform_calls_total',
      help: 'Chat platform API calls by platform, operation and outcome',
      labelNames: ['platform', 'operation', 'outcome'],
      registers: [registry],
    }),
  };
}
