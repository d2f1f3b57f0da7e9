// The words of the actions feature: private notes written on the platform conversation and the
// ephemeral messages a clicker sees. Pure, so tests pin the exact text agents read.
import { escapeMrkdwn, mention, userText } from '../slack/blocks/text.js';
import type { SlackAction } from './jobs.js';

/** What the platform's agents read in the conversation (a private note, plain text). */
export function noteText(input: {
  action: SlackAction;
  actorName: string;
  assigneeName?: string;
  labels?: string[];
  platformName: string;
  /** The claimer/assignee has no agent on the platform, so nothing was assigned there. */
  agentMissing?: boolean;
}): string {
  const { actorName, platformName } = input;
  const missing = input.agentMissing ? ` (no ${platformName} agent matches their Slack account, so it is not assigned here)` : '';
  switch (input.action) {
    case 'claim':
      return `Claimed in Slack by ${actorName}${missing}`;
    case 'release':
      return `Claim released in Slack by ${actorName}`;
    case 'assign': {
      const to = input.assigneeName ?? 'a colleague';
      return to === actorName ? `Assigned in Slack to ${to}${missing}` : `Assigned in Slack to ${to} by ${actorName}${missing}`;
    }
    case 'label':
      return `Labels set in Slack by ${actorName}: ${input.labels?.length ? input.labels.join(', ') : 'none'}`;
    case 'resolve':
      return `Resolved in Slack by ${actorName}`;
    case 'reopen':
      return `Reopened in Slack by ${actorName}`;
  }
}

/** Verbs for messages: "Couldn't claim on Oscar Chat". */
export const ACTION_VERB: Record<SlackAction, string> = {
  claim: 'claim',
  release: 'release',
  assign: 'assign',
  label: 'label',
  resolve: 'resolve',
  reopen: 'reopen',
};

export const ephemeral = {
  alreadyClaimed: (byUserId: string) => `This escalation is already claimed by ${mention(byUserId)}.`,
  alreadyResolved: (byUserOrName: string | null) =>
    `This escalation is already resolved${byUserOrName ? ` by ${mention(byUserOrName)}` : ''}.`,
  resolvedReopenFirst: (byUserOrName: string | null) =>
    `This escalation was resolved${byUserOrName ? ` by ${mention(byUserOrName)}` : ''}. Reopen it first.`,
  notYours: (claimerId: string) => `Only ${mention(claimerId)} can release their claim. To hand it over, use Assign.`,
  gone: () => `That escalation no longer exists in handoff.`,
  invalidLabels: (labels: string[]) => `These labels aren't in the configured set: ${userText(labels.join(', '), 300)}.`,
  syncFailed: (action: SlackAction, platformName: string, reason: string, keptInHandoff: boolean) =>
    `Couldn't ${ACTION_VERB[action]} on ${escapeMrkdwn(platformName)}: ${userText(reason, 500)}.` +
    (keptInHandoff ? ` The change is kept in handoff and the card shows the sync as failed.` : ''),
  notQueued: () => `Sorry, that didn't go through: handoff couldn't queue it. Please try again in a moment.`,
} as const;

/** The DM an assignee gets, with a link to the card. */
export function assignedDm(byUserId: string, customer: string, platformName: string, permalink?: string): string {
  const label = `${userText(customer, 80)} (${escapeMrkdwn(platformName)})`;
  const what = permalink ? `<${permalink}|${label}>` : label;
  return `${mention(byUserId)} assigned you an escalation: ${what}`;
}
