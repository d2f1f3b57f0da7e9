// /healthz: the process is up. /readyz: PostgreSQL and Redis answer (503 otherwise), each check
// bounded so a hung dependency cannot hang the probe; it names the failing dependency (the
// driver's error, with hosts and users, goes to the log only), lists the enabled platforms and warns
// when there are none. /metrics: Prometheus text format, behind a bearer token when METRICS_TOKEN is set.
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Pool } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { NO_PLATFORM_WARNING } from '../platforms/availability.js';
import type { PlatformId } from '../platforms/types.js';
import type { Producer } from '../queue/producer.js';
import { withTimeout } from '../timeout.js';


export interface HealthDeps {
  pool: Pool;
  redis: Redis;
  metrics: Metrics;
  producer?: Producer;
  logger?: Logger;
  metricsToken?: string;
  /** The enabled platforms; none is reported as a warning (ready, but nothing can arrive). */
  adapters?: Map<PlatformId, unknown>;
}

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const check = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), 1500, 'timed out after 1500 ms');
        return 'ok';
      } catch (err) {
        deps.logger?.warn({ dependency: name, err: (err as Error).message }, 'readiness check failed');
        return 'unavailable';
      }
    };
    const [postgres, redis] = await Promise.all([
      check('postgres', () => deps.pool.query('SELECT 1')),
      check('redis', () => deps.redis.ping()),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    const failing = [postgres === 'ok' ? [] : ['postgres'], redis === 'ok' ? [] : ['redis']].flat();
    const platforms = [...(deps.adapters?.keys() ?? [])];
    res.status(ok ? 200 : 503).json({
      ok,
      postgres,
      redis,
      platforms,
      ...(ok ? {} : { failing }),
      ...(platforms.length ? {} : { warning: NO_PLATFORM_WARNING }),
    });
  });
  router.get('/metrics', async (req, res) => {
    if (deps.metricsToken && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    if (deps.producer) await sampleQueueDepth(deps.producer, deps.metrics).catch(() => undefined);
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}

/** Constant time, like the webhook signatures: the token is compared as a whole. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function sampleQueueDepth(producer: Producer, metrics: Metrics): Promise<void> {
  await Promise.all(
    Object.entries(producer.queues).map(async ([name, queue]) => {
      const counts = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), 1000, 'timed out after 1000 ms');
      for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: name, state }, n);
    }),
  );
}
