// Time budgets for queue work done where someone is waiting: a Slack ack (3 seconds) or a card's
// job. BullMQ waits for a Redis connection that is not up instead of failing, so without a budget
// a Redis outage would turn into Slack timeouts and stuck jobs.
import type { Container } from '../container.js';
import { withTimeout } from '../timeout.js';


/** Run an enqueue only if Redis is connected, and give up after `ms`. */
export async function enqueueWithin<T>(c: Pick<Container, 'producerRedis'>, ms: number, enqueue: () => Promise<T>): Promise<T> {
  if (c.producerRedis.status !== 'ready') throw new Error(`Redis connection is ${c.producerRedis.status}`);
  return withTimeout(enqueue(), ms);
}
