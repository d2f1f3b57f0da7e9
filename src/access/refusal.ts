// What a non-agent attempted, in words, and the private answer they get. Pure, so tests pin it.
import { ActionId } from '../slack/ids.js';
import { CommandActionId } from '../commands/ids.js';

const ACTION_ATTEMPTS: Record<string, string> = {
  [ActionId.claim]: 'claim escalations',
  [ActionId.escalationsClaim]: 'claim escalations',
  [ActionId.release]: 'release escalations',
  [ActionId.assign]: 'assign escalations',
  [ActionId.label]: 'label escalations',
  [ActionId.resolve]: 'resolve escalations',
  [ActionId.reopen]: 'reopen escalations',
  [ActionId.orderShare]: 'share order lookups',
  [CommandActionId.orderPickCustomer]: 'look up orders',
};

const COMMAND_ATTEMPTS: Record<string, string> = {
  '/order': 'look up orders',
  '/escalations': 'see the escalation queue',
};

/** "claim escalations", "look up orders"...; anything else on handoff's surfaces is "act on escalations". */
export function attemptOf(kind: 'action' | 'command' | 'view' | 'home', id?: string): string {
  if (kind === 'action' && id) return ACTION_ATTEMPTS[id] ?? 'act on escalations';
  if (kind === 'command' && id) return COMMAND_ATTEMPTS[id] ?? 'use handoff';
  if (kind === 'home') return 'see the escalation queue';
  return 'act on escalations';
}

/** "Only members of #escalations can claim escalations." */
export function refusalText(whoMayAct: string, attempt: string, otherWorkspace = false): string {
  const base = `:no_entry: Only ${whoMayAct} can ${attempt}.`;
  return otherWorkspace ? `${base} People from another workspace (Slack Connect) can't act in handoff.` : base;
}

/** When membership can't be read (Slack slow or down), nobody is let through. */
export const CANNOT_CHECK = ":warning: handoff couldn't check who may act right now, so nothing was done. Please try again in a minute.";
