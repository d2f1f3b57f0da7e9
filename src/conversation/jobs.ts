// Jobs of the conversation feature: mirroring the platform's messages into the card's thread, and
// sending what agents write in Slack (Reply to the customer, thread notes) to the platform.
// Payloads carry ids only: the text sits in the ConversationMessage row.
import { z } from 'zod';
import { retrying } from '../queue/options.js';

export const conversationJobs = {
  /**
   * Post an escalation's pending platform messages in the card's thread, as one post, and
   * re-render the card (its "last customer message"). Queued delayed and deduplicated per
   * escalation, so messages that arrive within the window share one post.
   */
  'conversation.mirror': {
    queue: 'actions',
    schema: z.object({ escalationId: z.string().uuid() }),
    options: retrying(8),
  },
  /** Send one outgoing ConversationMessage (a reply or a note) to the platform, exactly once. */
  'conversation.send': {
    queue: 'actions',
    schema: z.object({ messageId: z.string().uuid(), channelId: z.string().optional() }),
    options: retrying(6),
  },
} as const;
