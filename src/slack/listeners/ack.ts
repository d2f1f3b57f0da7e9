// What the listeners of slash commands, their buttons and the Home tab share: enqueueing within
// Slack's ack window, and the ways to tell a user that it failed.
import type { RespondFn } from '@slack/bolt';
import { enqueueWithin } from '../../commands/budget.js';
import type { Container } from '../../container.js';
import type { Logger } from '../../logger.js';
import type { SlackMessage } from '../blocks/card.js';
import { slackCall } from '../client.js';

/** Enqueueing takes a millisecond or two; past this the ack says the queue is down. */
export const ENQUEUE_BUDGET_MS = 1500;

export const QUEUE_DOWN = ":warning: handoff can't queue work right now, so nothing was started. Please try again in a minute.";

export const ephemeral = (m: SlackMessage) => ({ response_type: 'ephemeral' as const, text: m.text, blocks: m.blocks });
export const plain = (text: string) => ({ response_type: 'ephemeral' as const, text });

export type ListenerContext = Pick<Container, 'logger' | 'config' | 'producer' | 'producerRedis' | 'slack'>;

/**
 * Enqueue within Slack's ack window: a connection that is not ready fails at once, a slow one
 * after a budget, and the ack then says the queue is down (instead of Slack showing a timeout).
 */
export function enqueueForAck(c: Pick<Container, 'producerRedis'>, enqueue: () => Promise<unknown>): Promise<unknown> {
  return enqueueWithin(c, ENQUEUE_BUDGET_MS, enqueue);
}

/** A DM from the app (chat.postMessage to a user id), for clicks that have no response_url. */
export async function dm(c: Pick<Container, 'slack'>, userId: string, text: string, log: Logger): Promise<void> {
  log.info({ userId }, 'no response_url for the click; telling the user by DM');
  await slackCall(() => c.slack.chat.postMessage({ channel: userId, text }))
    .then(() => undefined)
    .catch((err) => log.warn({ err: (err as Error).message }, 'could not DM the user'));
}

/** An ephemeral note through the click's response_url, without touching the message clicked. */
export async function tell(respond: RespondFn, text: string, log: Logger): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((err) =>
    log.warn({ err: (err as Error).message }, 'could not tell the user'),
  );
}
