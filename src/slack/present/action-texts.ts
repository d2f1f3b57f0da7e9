// The words a clicker and an assignee read in Slack about an action: the private (ephemeral)
// messages, refusals included, and the assignee's DM. Pure, so tests pin the exact text.
import { ACTION_VERB } from '../../actions/notes.js';
import type { SlackAction } from '../../actions/jobs.js';
import type { Refusal } from '../../actions/outcomes.js';
import { escapeMrkdwn, mention, userText } from '../blocks/text.js';

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

/** The private message for a refused click. */
export function refusalText(r: Refusal): string {
  switch (r.reason) {
    case 'gone':
      return ephemeral.gone();
    case 'already_claimed':
      return ephemeral.alreadyClaimed(r.by);
    case 'already_resolved':
      return ephemeral.alreadyResolved(r.by);
    case 'resolved_reopen_first':
      return ephemeral.resolvedReopenFirst(r.by);
    case 'not_yours':
      return ephemeral.notYours(r.by);
    case 'invalid_labels':
      return ephemeral.invalidLabels(r.labels);
  }
}
