// Small Block Kit constructors shared by every builder (card, order answers, queue, Home). Each one
// enforces the limit of the field it fills, so callers can pass anything.
import type { Button, ContextBlock, DividerBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import { truncate, truncateMrkdwn } from './text.js';

/** Block Kit limits the builders respect (messages; see slack-types-jsdoc-limits.json). */
export const LIMITS = {
  messageBlocks: 50,
  text: 3000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  /** @slack/types documents 75 for option values (the community schema allows 150). */
  optionValue: 75,
  options: 100,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  /** Our own cap for the notification fallback `text`. */
  fallbackText: 200,
} as const;

export function mrkdwn(text: string, max: number = LIMITS.text): MrkdwnElement {
  // verbatim: Slack must not auto-link or auto-mention anything that came from a customer.
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max), verbatim: true };
}

export function section(blockId: string | undefined, text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwn(text), ...extra };
  if (blockId) block.block_id = blockId;
  return block;
}

export function fields(texts: string[]): MrkdwnElement[] {
  return texts.slice(0, LIMITS.fields).map((t) => mrkdwn(t, LIMITS.fieldText));
}

export function context(blockId: string | undefined, texts: string[]): ContextBlock {
  const block: ContextBlock = { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
  if (blockId) block.block_id = blockId;
  return block;
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(
  actionId: string,
  label: string,
  opts: { value?: string; url?: string; style?: 'primary' | 'danger' } = {},
): Button {
  const b: Button = {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(label, LIMITS.buttonText), emoji: true },
  };
  if (opts.value !== undefined) b.value = truncate(opts.value, LIMITS.buttonValue);
  if (opts.url) b.url = opts.url;
  if (opts.style) b.style = opts.style;
  return b;
}

/** "3 items", "1 item". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
