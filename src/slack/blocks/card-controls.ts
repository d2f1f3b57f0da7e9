// The card's controls: Claim or Release, Assign (where the platform has agents), Label, Resolve,
// and the link to the conversation on the platform.
import type { ActionsBlock, ActionsBlockElement, Button, MultiStaticSelect, PlainTextOption, UsersSelect } from '@slack/types';
import type { Escalation } from '../../db/client.js';
import { ActionId, BlockId, blockIdWithEscalation, escalationValue } from '../ids.js';
import type { CardContext } from './card.js';
import { button, LIMITS } from './kit.js';
import { isSlackUserId, safeUrl, truncate } from './text.js';

/** Picker options: configured labels plus any the row carries, so initial_options ⊆ options. */
function labelOptions(esc: Escalation, configured: string[]): { options: PlainTextOption[]; initial: PlainTextOption[] } {
  const usable = (l: string) => l.trim().length > 0 && l.length <= LIMITS.optionValue;
  const current = esc.labels.filter(usable);
  const all = [...new Set([...current, ...configured.filter(usable)])].slice(0, LIMITS.options);
  const option = (l: string): PlainTextOption => ({
    text: { type: 'plain_text', text: truncate(l, LIMITS.optionText), emoji: true },
    value: l,
  });
  const options = all.map(option);
  const initial = current.filter((l) => all.includes(l)).map(option);
  return { options, initial };
}

export function controls(esc: Escalation, ctx: CardContext): ActionsBlock {
  const id = escalationValue(esc.id);
  const elements: ActionsBlockElement[] = [];
  elements.push(
    esc.claimedBySlackId
      ? button(ActionId.release, 'Release', { value: id })
      : button(ActionId.claim, 'Claim', { value: id, style: 'primary' }),
  );
  if (ctx.capabilities.send) elements.push(button(ActionId.reply, 'Reply', { value: id }));
  // Claim, labels and resolution always work (kept in handoff, mirrored where the platform can);
  // assigning someone else only means something where the platform has agents to assign.
  if (ctx.capabilities.assign) {
    const assign: UsersSelect = {
      type: 'users_select',
      action_id: ActionId.assign,
      placeholder: { type: 'plain_text', text: 'Assign…' },
    };
    if (isSlackUserId(esc.assigneeSlackId)) assign.initial_user = esc.assigneeSlackId;
    elements.push(assign);
  }
  const { options, initial } = labelOptions(esc, ctx.labels);
  if (options.length) {
    const label: MultiStaticSelect = {
      type: 'multi_static_select',
      action_id: ActionId.label,
      placeholder: { type: 'plain_text', text: 'Label…' },
      options,
    };
    if (initial.length) label.initial_options = initial;
    elements.push(label);
  }
  elements.push(button(ActionId.resolve, 'Resolve', { value: id }));
  const open = openButton(esc, ctx);
  if (open) elements.push(open);
  return { type: 'actions', block_id: blockIdWithEscalation(BlockId.actions, esc.id), elements };
}

export function openButton(esc: Escalation, ctx: CardContext): Button | undefined {
  const url = safeUrl(esc.conversationUrl);
  return url ? button(ActionId.openLink, `Open in ${ctx.platformName}`, { url, value: escalationValue(esc.id) }) : undefined;
}
