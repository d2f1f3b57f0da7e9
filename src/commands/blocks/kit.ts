// Small Block Kit constructors for the command and Home builders. Each one enforces the limit of
// the field it fills (see LIMITS in src/slack/blocks/card.ts), so callers can pass anything.
import type { Button, ContextBlock, DividerBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import { LIMITS } from '../../slack/blocks/card.js';
import { truncate, truncateMrkdwn } from '../../slack/blocks/text.js';

export { LIMITS };

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
