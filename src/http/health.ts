// /healthz: the process is up. /readyz: PostgreSQL and Redis answer (503 otherwise), each check
// bounded so a hung dependency cannot hang the probe. /metrics: Prometheus text format.
import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Pool } from '../db/client.js';
import type { Metrics } from '../metrics.js';
import type { Producer } from '../queue/producer.js';
import { withTimeout } from '../timeout.js';


export function healthRouter(deps: { pool: Pool; redis: Redis; metrics: Metrics; producer?: Producer }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), 1500, 'timed out after 1500 ms');
        return 'ok';
      } catch (err) {
        return `unavailable: ${(err as Error).message.split('\n')[0]}`;
      }
    };
    const [postgres, redis] = await Promise.all([check(() => deps.pool.query('SELECT 1')), check(() => deps.redis.ping())]);
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ ok, postgres, redis });
  });
  router.get('/metrics', async (_req, res) => {
    if (deps.producer) await sampleQueueDepth(deps.producer, deps.metrics).catch(() => undefined);
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  return router;
}

async function sampleQueueDepth(producer: Producer, metrics: Metrics): Promise<void> {
  await Promise.all(
    Object.entries(producer.queues).map(async ([name, queue]) => {
      const counts = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), 1000, 'timed out after 1000 ms');
      for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: name, state }, n);
    }),
  );
}
