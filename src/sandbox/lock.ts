// One sandbox per database and queue prefix: two at once would take each other's jobs (same
// BullMQ prefix) and empty each other's tables, and neither would say why cards go missing.
// A Redis key with a short expiry, refreshed while the sandbox runs, makes the second one refuse.
import { Redis } from 'ioredis';

const TTL_MS = 15_000;

export interface SandboxLock {
  release(): Promise<void>;
}

export async function holdSandboxLock(redisUrl: string, key: string, owner: string): Promise<SandboxLock> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => {}); // a failed refresh only shortens the lock; the start-up command reports the rest
  await redis.connect().catch((err: Error) => {
    redis.disconnect();
    throw new Error(`Redis at ${redisUrl} is unreachable (${err.message}); start redis-server or set REDIS_URL`);
  });
  if ((await redis.set(key, owner, 'PX', TTL_MS, 'NX')) !== 'OK') {
    const holder = await redis.get(key);
    redis.disconnect();
    throw new Error(
      `another sandbox is running on this database and queue prefix (${holder ?? 'unknown'}); stop it, or give this one its own --database-url and --queue-prefix`,
    );
  }
  const refresh = setInterval(() => void redis.set(key, owner, 'PX', TTL_MS, 'XX').catch(() => undefined), TTL_MS / 3);
  refresh.unref();
  return {
    async release() {
      clearInterval(refresh);
      if ((await redis.get(key).catch(() => null)) === owner) await redis.del(key).catch(() => undefined);
      redis.disconnect();
    },
  };
}
