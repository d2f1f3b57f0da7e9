// Two kinds of Redis connection, on purpose:
// - producers fail fast (no offline queue, one try) so a webhook answers 503 at once when Redis is
//   down instead of hanging until the platform times out;
// - workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null).
import { Redis } from 'ioredis';

export function createProducerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export function createWorkerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
}
