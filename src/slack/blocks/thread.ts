// One-line mrkdwn entries for a card's thread: the human-readable audit log next to the card.
// Actor ids go through mention() (only real Slack ids become mentions); everything that came from
// a platform or a customer is escaped and cut short.

import { reasonInWords } from '../../escalations/reason.js';
import { escapeMrkdwn, formatDuration, mention, truncate, userText } from './text.js';

const REASON = 300;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function labelList(labels: string[]): string {
  return labels.length ? labels.map((l) => `\`${userText(l.replace(/`/g, "'"), 75)}\``).join(', ') : '_none_';
}

export const threadLine = {
  escalated(platformName: string, reason?: string | null): string {
    return `:inbox_tray: Escalated from ${escapeMrkdwn(platformName)}${reason ? `: ${userText(reasonInWords(reason), REASON)}` : ''}`;
  },
  reEscalated(count: number, reason?: string | null): string {
    return `:repeat: Re-escalated (${plural(count, 'time')} in total)${reason ? `: ${userText(reasonInWords(reason), REASON)}` : ''}`;
  },
  claimed(userId: string, afterMs?: number): string {
    return `:raising_hand: ${mention(userId)} claimed this${afterMs !== undefined ? ` after ${formatDuration(afterMs)}` : ''}`;
  },
  released(userId: string): string {
    return `:leftwards_arrow_with_hook: ${mention(userId)} released the claim`;
  },
  assigned(byUserId: string, assigneeUserId: string): string {
    return byUserId === assigneeUserId
      ? `:bust_in_silhouette: ${mention(byUserId)} assigned this to themselves`
      : `:bust_in_silhouette: ${mention(byUserId)} assigned this to ${mention(assigneeUserId)}`;
  },
  labelled(byUserId: string, labels: string[]): string {
    return `:label: ${mention(byUserId)} set labels: ${labelList(labels)}`;
  },
  resolved(byUserId: string): string {
    return `:white_check_mark: ${mention(byUserId)} resolved this`;
  },
  reopened(byUserId: string): string {
    return `:arrows_counterclockwise: ${mention(byUserId)} reopened this`;
  },
  /** The customer wrote again after resolution. */
  reopenedByCustomer(platformName: string): string {
    return `:arrows_counterclockwise: Reopened: the customer wrote again on ${escapeMrkdwn(platformName)}`;
  },
  platformAssigned(platformName: string, agentName: string | undefined): string {
    return `:bust_in_silhouette: Assigned on ${escapeMrkdwn(platformName)} to ${agentName ? userText(agentName, 80) : 'an agent'}`;
  },
  platformResolved(platformName: string, byName?: string): string {
    return `:white_check_mark: Resolved on ${escapeMrkdwn(platformName)}${byName ? ` by ${userText(byName, 80)}` : ''}`;
  },
  platformLabelled(platformName: string, labels: string[]): string {
    return `:label: Labels on ${escapeMrkdwn(platformName)}: ${labelList(labels)}`;
  },
  /** A Slack user has no matching agent on the platform: the action stays in handoff. */
  agentMissing(platformName: string, userId: string): string {
    return `:warning: No ${escapeMrkdwn(platformName)} agent matches ${mention(userId)} (by email or \`handoff agents link\`): kept in handoff only`;
  },
  syncFailed(platformName: string, action: string, reason: string): string {
    return `:x: Couldn't ${escapeMrkdwn(action)} on ${escapeMrkdwn(platformName)}: ${userText(reason, REASON)}`;
  },
  syncRecovered(platformName: string, action: string): string {
    return `:white_check_mark: ${escapeMrkdwn(truncate(action, 60))} now synced to ${escapeMrkdwn(platformName)}`;
  },
  shopifyFailed(reason: string): string {
    return `:warning: Shopify lookup failed: ${userText(reason, REASON)}`;
  },
  slaBreached(minutes: number): string {
    return `:rotating_light: Unclaimed for over ${minutes}m (claim SLA)`;
  },
  dmFailed(userId: string, reason: string): string {
    return `:warning: Couldn't DM ${mention(userId)}: ${userText(reason, REASON)}`;
  },
} as const;
