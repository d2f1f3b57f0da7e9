// The conversation in the card's thread: platform messages (customer, bot, platform agent) mirrored
// as one post per batch, and the line for a reply sent from Slack. Everything a customer or the
// platform wrote is quoted and escaped: it can't mention, broadcast or link on its own.
import type { SectionBlock } from '@slack/types';
import { LIMITS, section } from './kit.js';
import { escapeMrkdwn, mention, quote, truncateMrkdwn, userText } from './text.js';

export interface MirroredMessage {
  author: string;
  text: string;
}

/** Per message and per post (chat.postMessage takes far more; a thread post should stay readable). */
const MESSAGE_MAX = 1500;
const POST_MAX = 3800;
const REPLY_SHOWN = 1500;

function heading(author: string, customerName: string | undefined, platformName: string): string {
  const on = `on ${escapeMrkdwn(platformName)}`;
  switch (author) {
    case 'customer':
      return `:speech_balloon: *${customerName ? userText(customerName, 80) : 'Customer'}* (customer) ${on}:`;
    case 'bot':
      return `:robot_face: *Bot* ${on}:`;
    default:
      return `:bust_in_silhouette: *An agent* ${on}:`;
  }
}

/**
 * One thread post for a batch: consecutive messages of one author share a heading. Sections are
 * `verbatim`, so Slack doesn't turn what a customer typed into links or mentions; the `text`
 * fallback (notifications) is the same escaped mrkdwn.
 */
export function mirroredPost(
  messages: MirroredMessage[],
  customerName: string | undefined,
  platformName: string,
): { text: string; blocks: SectionBlock[] } {
  const groups: string[][] = [];
  let last: string | undefined;
  for (const m of messages) {
    if (m.author !== last) groups.push([heading(m.author, customerName, platformName)]);
    last = m.author;
    groups.at(-1)?.push(quote(m.text, MESSAGE_MAX));
  }
  const sections = groups.map((g) => g.join('\n'));
  return {
    text: truncateMrkdwn(sections.join('\n'), POST_MAX),
    blocks: sections.slice(0, LIMITS.messageBlocks).map((t) => section(undefined, t)),
  };
}

export const conversationLine = {
  replied(userId: string, text: string): string {
    return `:leftwards_arrow_with_hook: ${mention(userId)} replied to the customer:\n${quote(text, REPLY_SHOWN)}`;
  },
} as const;

/** What the writer is told privately when a reply or note did not reach the platform. */
export const conversationEphemeral = {
  notSent(kind: 'reply' | 'note', platformName: string, reason: string, text: string): string {
    const what = kind === 'reply' ? 'Your reply was *not* sent to the customer' : `Your thread message did *not* reach ${escapeMrkdwn(platformName)} as a note`;
    return `:x: ${what}: ${userText(reason, 300)}\nYour text, to try again:\n${quote(text, 2500)}`;
  },
  /** The send may or may not have landed: the platform never answered. */
  uncertain(platformName: string, text: string): string {
    return `:warning: ${escapeMrkdwn(platformName)} did not confirm your reply; check the conversation there before sending it again:\n${quote(text, 2500)}`;
  },
} as const;
