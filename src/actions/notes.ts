// What the platform's agents read: the private note handoff writes on the conversation for each
// Slack action (plain text, not Slack mrkdwn). Pure, so tests pin the exact text. The Slack side's
// words are in src/slack/present/action-texts.ts.
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
