// Escalation queue rows, shared by the /escalations answer and the Home tab. Pure functions of
// stored rows. A Claim button sits on unclaimed rows only; it carries the escalation id and goes
// through the same 'slack.action' claim job as the card's button.
import type { KnownBlock, SectionBlock } from '@slack/types';
import { reasonInWords } from '../../escalations/reason.js';
import type { SlackMessage } from '../../slack/blocks/card.js';
import { escapeMrkdwn, formatDuration, humanize, link, mention, truncate, userText } from '../../slack/blocks/text.js';
import { claimDueText } from '../../slack/blocks/due.js';
import { ActionId, BlockId, blockIdWithEscalation, escalationValue } from '../../slack/ids.js';
import { ESCALATIONS_USAGE, type QueueFilter } from '../parse.js';
import { isUnclaimed, type QueueItem, type QueuePage } from '../open-escalations.js';
import { button, context, LIMITS, section } from './kit.js';

export interface RowContext {
  now: Date;
  /** "oscarchat" -> "Oscar Chat". */
  platformName: (platform: string) => string;
}

/** Rows per /escalations answer: 50 blocks minus the heading, "+N more" and usage lines. */
export const MESSAGE_ROWS = 45;

const PRIORITY: Record<string, string> = { urgent: '🔴', high: '🟠', normal: '🟡', low: '⚪' };

/** A link to the card. slack.com/archives/<channel>/p<ts> opens the message in the reader's workspace. */
export function cardUrl(item: Pick<QueueItem, 'slackChannel' | 'slackTs'>): string | undefined {
  if (!item.slackChannel || !item.slackTs) return undefined;
  return `https://slack.com/archives/${encodeURIComponent(item.slackChannel)}/p${item.slackTs.replace('.', '')}`;
}

export function escalationRow(item: QueueItem, ctx: RowContext): SectionBlock {
  const who = userText(item.customerName?.trim() || item.customerEmail?.trim() || 'Unknown customer', 80);
  const head = [
    `${PRIORITY[item.priority] ?? '🟡'} *${escapeMrkdwn(humanize(item.priority))}*`,
    ...(item.vip ? ['⭐ VIP'] : []),
    `*${who}*`,
    escapeMrkdwn(truncate(ctx.platformName(item.platform), 40)),
    `waiting *${formatDuration(ctx.now.getTime() - item.firstEscalatedAt.getTime())}*`,
    ...(item.claimDueAt && !item.claimedBySlackId ? [claimDueText(item.claimDueAt, ctx.now)] : []),
  ].join(' · ');
  const holder = item.claimedBySlackId
    ? `Claimed by ${mention(item.claimedBySlackId)}`
    : item.assigneeSlackId
      ? `Assigned to ${mention(item.assigneeSlackId)}`
      : '_Unclaimed_';
  const links = [
    ...(cardUrl(item) ? [link(cardUrl(item), 'card')] : []),
    ...(item.conversationUrl ? [link(item.conversationUrl, 'conversation')] : []),
  ];
  const lines = [head];
  if (item.reason?.trim()) lines.push(`_${userText(reasonInWords(item.reason.replace(/\s+/g, ' ')), 150)}_`);
  lines.push([holder, ...links].join(' · '));

  const row = section(blockIdWithEscalation(BlockId.escalationsRow, item.id), lines.join('\n'));
  if (isUnclaimed(item)) {
    row.accessory = button(ActionId.escalationsClaim, 'Claim', { value: escalationValue(item.id), style: 'primary' });
  }
  return row;
}

/** Rows for a page, then "+N more" when the page is shorter than the total. */
export function queueRows(page: QueuePage, ctx: RowContext, max: number, moreBlockId: string): KnownBlock[] {
  const shown = page.items.slice(0, max);
  const blocks: KnownBlock[] = shown.map((item) => escalationRow(item, ctx));
  const more = page.total - shown.length;
  if (more > 0) blocks.push(context(moreBlockId, [`+${more} more, newer than these`]));
  return blocks;
}

const TITLES: Record<QueueFilter, string> = {
  all: 'Open escalations',
  unclaimed: 'Unclaimed escalations',
  mine: 'Your open escalations',
};

const EMPTY: Record<QueueFilter, string> = {
  all: ':tada: No open escalations.',
  unclaimed: ':tada: Every open escalation has been claimed.',
  mine: 'You have no open escalations. `/escalations unclaimed` shows what needs an owner.',
};

export function escalationsMessage(
  page: QueuePage,
  filter: QueueFilter,
  ctx: RowContext,
  opts: { showUsage?: boolean } = {},
): SlackMessage {
  const heading = page.total ? `*${TITLES[filter]}*: ${page.total}, overdue first` : EMPTY[filter];
  const blocks: KnownBlock[] = [section(`${BlockId.escalationsRow}_heading`, heading)];
  blocks.push(...queueRows(page, ctx, MESSAGE_ROWS, `${BlockId.escalationsRow}_more`));
  if (opts.showUsage) blocks.push(context(`${BlockId.escalationsRow}_usage`, [ESCALATIONS_USAGE.split('\n')[0] ?? '']));
  const text = page.total ? `${TITLES[filter]}: ${page.total}` : EMPTY[filter].replace(/^:\w+: /, '');
  return { text: truncate(text, LIMITS.fallbackText), blocks };
}
