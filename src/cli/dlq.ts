// `handoff dlq list | retry <id|--all>`: the dead-letter set is BullMQ's failed set (jobs are kept
// on failure). Retrying a delivery job also puts its stored delivery back to "received".
import type { Job } from 'bullmq';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { createProducerConnection } from '../queue/connection.js';
import { Producer } from '../queue/producer.js';

export async function dlqCommand(args: string[]): Promise<number> {
  const [sub, target] = args;
  if (sub !== 'list' && sub !== 'retry') {
    console.error('usage: handoff dlq list | handoff dlq retry <job-id|--all>');
    return 2;
  }
  if (sub === 'retry' && !target) {
    console.error('usage: handoff dlq retry <job-id|--all>');
    return 2;
  }
  const config = loadConfig();
  const redis = createProducerConnection(config.redisUrl);
  const producer = new Producer(redis, config.queuePrefix);
  const db = createDb(config.databaseUrl, { max: 2 });
  try {
    const failed: Job[] = (
      await Promise.all(Object.values(producer.queues).map((q) => q.getFailed(0, 999)))
    ).flat();
    if (sub === 'list') {
      if (failed.length === 0) console.log('dead-letter set is empty');
      for (const job of failed) {
        const when = job.finishedOn ? new Date(job.finishedOn).toISOString() : '-';
        console.log(`${job.queueName}:${job.id}\t${job.name}\t${job.attemptsMade} attempts\t${when}\t${job.failedReason}`);
      }
      return 0;
    }
    const chosen = target === '--all' ? failed : failed.filter((j) => j.id === target || `${j.queueName}:${j.id}` === target);
    if (chosen.length === 0) {
      console.error(target === '--all' ? 'nothing to retry' : `no dead-lettered job "${target}" (see: handoff dlq list)`);
      return target === '--all' ? 0 : 1;
    }
    for (const job of chosen) {
      const deliveryId = (job.data as { deliveryId?: string }).deliveryId;
      if (deliveryId) {
        await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: 'failed' }, data: { status: 'received', error: null } });
      }
      await job.retry('failed', { resetAttemptsMade: true });
      console.log(`retrying ${job.queueName}:${job.id} (${job.name})`);
    }
    return 0;
  } finally {
    await producer.close();
    redis.disconnect();
    await db.$disconnect();
  }
}
