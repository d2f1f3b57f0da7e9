// What the SLA reminders say. Pure: rows and links in, mrkdwn out.
import type { Escalation } from '../db/client.js';
import { escapeMrkdwn, formatDuration, humanize, link, slackDate, truncate, userText } from '../slack/blocks/text.js';
import { formatMinutes } from './policy.js';

const PRIORITY: Record<string, string> = { urgent: '🔴', high: '🟠', normal: '🟡', low: '⚪' };
/** Rows listed in one storm summary; the rest are counted. */
export const SUMMARY_ROWS = 40;

type Row = Pick<Escalation, 'priority' | 'vip' | 'customerName' | 'customerEmail' | 'platform'>;

function group(usergroup: string | undefined): string {
  return usergroup ? ` <!subteam^${usergroup}>` : '';
}

function who(esc: Row): string {
  return userText(esc.customerName?.trim() || esc.customerEmail?.trim() || 'Unknown customer', 80);
}

function headline(esc: Row, platformName: string): string {
  return [
    `${PRIORITY[esc.priority] ?? '🟡'} ${escapeMrkdwn(humanize(esc.priority))}`,
    ...(esc.vip ? ['⭐ VIP'] : []),
    `*${who(esc)}*`,
    escapeMrkdwn(truncate(platformName, 40)),
  ].join(' · ');
}

export const slaText = {
  /** The reply in the card's thread. */
  claimReminder(budgetMinutes: number, usergroup?: string): string {
    return `:rotating_light: *Unclaimed for ${formatMinutes(budgetMinutes)}*${group(usergroup)}: this escalation is past its claim deadline. Claim it from the card.`;
  },
  /** The DM to each SLA_ESCALATION_USERS user. */
  claimDm(esc: Row, platformName: string, budgetMinutes: number, permalink: string | undefined): string {
    return `:rotating_light: Unclaimed for ${formatMinutes(budgetMinutes)}: ${headline(esc, platformName)} · ${link(permalink, 'open the card')}`;
  },
  /** The DM to the owner when the customer has had no reply. */
  firstReplyDm(esc: Row, platformName: string, minutes: number, permalink: string | undefined): string {
    return `:speech_balloon: No reply to the customer yet, ${formatMinutes(minutes)} after you claimed it: ${headline(esc, platformName)} · ${link(permalink, 'open the card')}`;
  },
  /** One channel message instead of many reminders at once. */
  summary(
    items: Array<{ esc: Row; dueAt: Date; cardUrl?: string }>,
    platformName: (p: string) => string,
    now: Date,
    usergroup?: string,
  ): string {
    const lines = items.slice(0, SUMMARY_ROWS).map(({ esc, dueAt, cardUrl }) => {
      const overdue = `overdue ${formatDuration(now.getTime() - dueAt.getTime())} (due ${slackDate(dueAt)})`;
      return `• ${headline(esc, platformName(esc.platform))} · ${overdue}${cardUrl ? ` · ${link(cardUrl, 'card')}` : ''}`;
    });
    const more = items.length > SUMMARY_ROWS ? [`…and ${items.length - SUMMARY_ROWS} more`] : [];
    return [`:rotating_light: *${items.length} escalations are unclaimed past their claim deadline*${group(usergroup)}`, ...lines, ...more].join('\n');
  },
  summaryDm(count: number, permalink: string | undefined): string {
    return `:rotating_light: ${count} escalations are unclaimed past their claim deadline: ${link(permalink, 'see the list')}`;
  },
};
