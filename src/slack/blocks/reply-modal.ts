// The Reply modal: the conversation's last lines (customer text quoted and escaped) and one text
// box. private_metadata carries the escalation id and the card's channel (for feedback), nothing else.
import type { KnownBlock, ModalView } from '@slack/types';
import { BlockId, CallbackId, ActionId } from '../ids.js';
import { context, section } from './kit.js';
import { escapeMrkdwn, truncate, userText } from './text.js';

/** Slack's plain_text_input allows 3000; Oscar takes longer, Slack's box doesn't. */
export const REPLY_MAX = 3000;
const LINE_MAX = 300;

export interface ReplyModalInput {
  escalationId: string;
  channelId?: string;
  customerName?: string;
  platformName: string;
  /** Oldest first. author: customer | bot | agent | reply | note */
  lines: Array<{ author: string; text: string }>;
}

export interface ReplyMetadata {
  escalationId: string;
  channelId?: string;
}

const WHO: Record<string, string> = { customer: 'Customer', bot: 'Bot', agent: 'Agent', reply: 'Reply from Slack' };

export function buildReplyModal(input: ReplyModalInput): ModalView {
  const who = input.customerName ? userText(input.customerName, 80) : 'the customer';
  const blocks: KnownBlock[] = [];
  const lines = input.lines.filter((l) => l.author !== 'note');
  if (lines.length) {
    const label = (author: string) =>
      author === 'customer' && input.customerName ? userText(input.customerName, 60) : (WHO[author] ?? 'Agent');
    const body = lines.map((l) => `>*${label(l.author)}:* ${userText(l.text.replace(/\s+/g, ' ').trim(), LINE_MAX)}`);
    blocks.push(section(BlockId.replyContext, ['*Latest in the conversation*', ...body].join('\n')));
  } else {
    blocks.push(context(BlockId.replyContext, ['_No messages in handoff yet: the card has the last one it saw._']));
  }
  blocks.push({
    type: 'input',
    block_id: BlockId.replyInput,
    label: { type: 'plain_text', text: 'Your reply' },
    element: {
      type: 'plain_text_input',
      action_id: ActionId.replyText,
      multiline: true,
      max_length: REPLY_MAX,
      focus_on_load: true,
      placeholder: { type: 'plain_text', text: truncate(`Sent to ${input.customerName ?? 'the customer'} on ${input.platformName}`, 150) },
    },
  });
  blocks.push(context(undefined, [`Sent to ${who} on ${escapeMrkdwn(input.platformName)} and logged in the card's thread.`]));
  const metadata: ReplyMetadata = { escalationId: input.escalationId, ...(input.channelId ? { channelId: input.channelId } : {}) };
  return {
    type: 'modal',
    callback_id: CallbackId.reply,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Reply to customer' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

export function readReplyMetadata(raw: string | undefined): ReplyMetadata | undefined {
  try {
    const m = JSON.parse(raw ?? '') as Partial<ReplyMetadata>;
    return typeof m.escalationId === 'string' ? { escalationId: m.escalationId, ...(typeof m.channelId === 'string' ? { channelId: m.channelId } : {}) } : undefined;
  } catch {
    return undefined;
  }
}
