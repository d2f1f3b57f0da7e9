// A plain-text rendering of the report message for the terminal (`handoff report --dry-run`):
// the same blocks that would be posted, so what you read is what the channel would get.
import type { KnownBlock } from '@slack/types';
import type { ReportMessage } from './blocks.js';

/** Slack mrkdwn to readable text: mentions and links shown plainly, entities decoded. */
function plain(mrkdwn: string): string {
  return mrkdwn
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function blockText(block: KnownBlock): string | undefined {
  switch (block.type) {
    case 'header':
      return `${block.text.text}\n${'='.repeat(Math.min(block.text.text.length, 80))}`;
    case 'divider':
      return '-'.repeat(40);
    case 'section': {
      const parts: string[] = [];
      if (block.text) parts.push(plain(block.text.text));
      // Fields are a two-column grid in Slack; one after another reads fine in a terminal.
      for (const f of block.fields ?? []) parts.push(plain(f.text));
      return parts.join('\n\n');
    }
    case 'context':
      return block.elements.map((e) => ('text' in e ? `  ${plain(e.text)}` : '')).join('\n');
    case 'image':
      return `[image: ${block.alt_text}]`;
    default:
      return undefined;
  }
}

export function reportAsText(message: ReportMessage): string {
  return message.blocks
    .map(blockText)
    .filter((t): t is string => t !== undefined)
    .join('\n\n');
}
