// Jobs of the slash commands and App Home feature. Payloads hold what the user typed or an id
// (a Shopify customer id, an order name, a Slack user id), never the customer data itself; and
// /order jobs are dropped from Redis as soon as they finish, since a response_url dies in 30 minutes.
import { z } from 'zod';
import { retrying } from '../queue/options.js';
import { MAX_QUERY_LENGTH, QUEUE_FILTERS } from './parse.js';

/** What to look up: the text after /order, or a reference carried by a button (pick, share). */
export const orderLookupSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('query'), text: z.string().min(1).max(MAX_QUERY_LENGTH) }),
  z.object({ kind: z.literal('customer'), id: z.string().regex(/^\d{1,20}$/) }),
  z.object({ kind: z.literal('order'), name: z.string().min(1).max(100) }),
]);
export type OrderLookup = z.infer<typeof orderLookupSchema>;

/**
 * How the answer reaches Slack through response_url:
 * - reply: a new ephemeral message (the command's answer);
 * - replace: replace the ephemeral the button was on (a customer picked from a list);
 * - share: post it in the channel for everyone, then delete the ephemeral.
 */
export const ORDER_ANSWER_MODES = ['reply', 'replace', 'share'] as const;
export type OrderAnswerMode = (typeof ORDER_ANSWER_MODES)[number];

const privateJob = { removeOnComplete: true, removeOnFail: { age: 3600, count: 1000 } };

export const commandJobs = {
  /** An /order lookup (or a pick/share click on its answer), answered through response_url. */
  'command.order': {
    queue: 'commands',
    schema: z.object({
      lookup: orderLookupSchema,
      mode: z.enum(ORDER_ANSWER_MODES),
      responseUrl: z.string().url(),
      userId: z.string().min(1),
      /** Where it was asked: sharing is allowed only in the channels config.slack.shareChannels lists. */
      channelId: z.string().optional(),
    }),
    // Two attempts: a Shopify blip is retried once, then the user is told, rather than left waiting.
    options: { ...retrying(2), ...privateJob },
  },
  /**
   * An /escalations list, answered through response_url. The command is acked at once: the two
   * database reads run here, where a slow pool can't make Slack show a timeout.
   */
  'command.escalations': {
    queue: 'commands',
    schema: z.object({
      filter: z.enum(QUEUE_FILTERS),
      /** The command had no argument: the answer shows the usage line too. */
      showUsage: z.boolean(),
      responseUrl: z.string().url(),
      userId: z.string().min(1),
    }),
    // Like /order: one retry for a database blip, then the user is told rather than left waiting.
    options: { ...retrying(2), ...privateJob },
  },
  /** Re-render one user's App Home tab (views.publish). Deduplicated per user when enqueued. */
  'home.publish': {
    queue: 'commands',
    schema: z.object({ userId: z.string().min(1) }),
    options: { ...retrying(3), removeOnComplete: true, removeOnFail: { count: 100 } },
  },
  /**
   * An escalation changed: refresh the Home tabs of the users it concerns and of everyone who had
   * Home open recently (the unclaimed queue and the week's figures are the same for all).
   */
  'home.changed': {
    queue: 'commands',
    schema: z.object({ userIds: z.array(z.string()).max(10) }),
    options: { ...retrying(3), removeOnComplete: true, removeOnFail: { count: 100 } },
  },
} as const;
