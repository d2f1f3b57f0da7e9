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
  /** Only with OPENAI_API_KEY: the drafted reply, or where it stands. */
  ai?: { state: 'drafting' } | { state: 'ready'; draft: { id: string; text: string } } | { state: 'none' };
}

export interface ReplyMetadata {
  escalationId: string;
  channelId?: string;
  /** The draft the text box was filled with. */
  draftId?: string;
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
  const draft = input.ai?.state === 'ready' ? input.ai.draft : undefined;
  if (input.ai) blocks.push(...draftBlocks(input.ai.state));
  blocks.push({
    type: 'input',
    // Slack keeps what a box holds across views.update unless its block_id changes: a new
    // draft gets its own block_id so it replaces the empty box.
    block_id: draft ? `${BlockId.replyInput}.${draft.id.slice(0, 8)}` : BlockId.replyInput,
    label: { type: 'plain_text', text: 'Your reply' },
    element: {
      type: 'plain_text_input',
      action_id: ActionId.replyText,
      multiline: true,
      max_length: REPLY_MAX,
      focus_on_load: true,
      ...(draft ? { initial_value: draft.text.slice(0, REPLY_MAX) } : {}),
      placeholder: { type: 'plain_text', text: truncate(`Sent to ${input.customerName ?? 'the customer'} on ${input.platformName}`, 150) },
    },
  });
  blocks.push(context(undefined, [`Sent to ${who} on ${escapeMrkdwn(input.platformName)} and logged in the card's thread.`]));
  const metadata: ReplyMetadata = {
    escalationId: input.escalationId,
    ...(input.channelId ? { channelId: input.channelId } : {}),
    ...(draft ? { draftId: draft.id } : {}),
  };
  return {
    type: 'modal',
    callback_id: CallbackId.reply,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Reply to customer' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    // Closing a drafted modal tells the weekly report the draft was discarded.
    ...(draft ? { notify_on_close: true } : {}),
    blocks,
  };
}

const DRAFT_NOTE: Record<'drafting' | 'ready' | 'none', string> = {
  drafting: ':hourglass_flowing_sand: Drafting a reply from the conversation and the order facts; it will appear in the box.',
  ready: ':robot_face: AI draft from the conversation and the order facts. Check it: nothing is sent until you press Send.',
  none: ':robot_face: No draft this time; write your reply, or ask for one again.',
};

function draftBlocks(state: 'drafting' | 'ready' | 'none'): KnownBlock[] {
  const note = context(BlockId.replyDraft, [DRAFT_NOTE[state]]);
  if (state === 'drafting') return [note];
  return [
    note,
    {
      type: 'actions',
      block_id: BlockId.replyDraftActions,
      elements: [{ type: 'button', action_id: ActionId.replyRedraft, text: { type: 'plain_text', text: 'Draft again' } }],
    },
  ];
}

/** The text box's block_id in a submitted view (it changes with each draft). */
export function replyInputBlockId(values: Record<string, unknown>): string | undefined {
  return Object.keys(values).find((k) => k === BlockId.replyInput || k.startsWith(`${BlockId.replyInput}.`));
}

export function readReplyMetadata(raw: string | undefined): ReplyMetadata | undefined {
  try {
    const m = JSON.parse(raw ?? '') as Partial<ReplyMetadata>;
    if (typeof m.escalationId !== 'string') return undefined;
    return {
      escalationId: m.escalationId,
      ...(typeof m.channelId === 'string' ? { channelId: m.channelId } : {}),
      ...(typeof m.draftId === 'string' ? { draftId: m.draftId } : {}),
    };
  } catch {
    return undefined;
  }
}
