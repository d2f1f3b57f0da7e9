// What users type after /order and /escalations. Parsing happens in the listener, before the ack,
// so bad input gets its usage text at once and never costs a job or a Shopify call.
import { classifyOrderQuery, type OrderQueryKind } from '../shopify/search.js';
import { escapeMrkdwn, truncate } from '../slack/blocks/text.js';

export const ORDER_USAGE = [
  // mrkdwn: < and > must be escaped even inside code spans.
  '*Usage:* `/order &lt;order number | email | customer name&gt;`',
  '• `/order #1001` or `/order 1001`: one order, with items, totals, fulfillment and tracking',
  '• `/order maria@example.com`: that customer and their latest orders',
  '• `/order Maria Keller`: customers with that name (pick one if several match)',
  'Only you see the answer; use *Share in channel* to post it.',
].join('\n');

export const ESCALATIONS_USAGE = [
  '*Usage:* `/escalations [mine|unclaimed|all]`',
  '• `mine`: escalations you claimed or were assigned',
  '• `unclaimed`: nobody has claimed them yet',
  '• `all` (default): the whole open queue, overdue first',
].join('\n');

/** Longer than any order name, email or customer name; longer input is a paste gone wrong. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Slack sends command text HTML-escaped (&amp; &lt; &gt;) and, depending on should_escape and the
 * client, may wrap what it recognises: <mailto:a@b.c|a@b.c>, <https://x|x>, <@U123|name>.
 * Keep what the user sees (the label, else the target), then undo the entities.
 */
export function slackPlainText(text: string): string {
  const unwrapped = text.replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (_m, target: string, label?: string) => {
    if (label) return label;
    return target.replace(/^mailto:/i, '');
  });
  return unwrapped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

export type OrderCommand = { kind: 'usage'; problem?: string } | { kind: 'lookup'; query: string; classified: OrderQueryKind };

export function parseOrderCommand(raw: string | undefined): OrderCommand {
  const query = slackPlainText(raw ?? '');
  if (!query || /^(help|-h|--help|\?)$/i.test(query)) return { kind: 'usage' };
  if (query.length > MAX_QUERY_LENGTH)
    return { kind: 'usage', problem: `That is ${query.length} characters; an order number, email or name is much shorter.` };
  // "#", "--", "..." and the like would match every customer (or none) in Shopify's search.
  if ((query.match(/[\p{L}\p{N}]/gu) ?? []).length < 2) {
    return { kind: 'usage', problem: `${echo(query)} is not an order number, email or name.` };
  }
  try {
    return { kind: 'lookup', query, classified: classifyOrderQuery(query) };
  } catch {
    return { kind: 'usage', problem: 'That does not look like an order number, email or name.' };
  }
}

export const QUEUE_FILTERS = ['mine', 'unclaimed', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export type EscalationsCommand =
  | { kind: 'usage'; problem?: string }
  /** `defaulted`: no argument was given, so the answer also shows the usage line. */
  | { kind: 'list'; filter: QueueFilter; defaulted: boolean };

export function parseEscalationsCommand(raw: string | undefined): EscalationsCommand {
  const text = slackPlainText(raw ?? '').toLowerCase();
  if (!text) return { kind: 'list', filter: 'all', defaulted: true };
  if (/^(help|-h|--help|\?)$/.test(text)) return { kind: 'usage' };
  const filter = QUEUE_FILTERS.find((f) => f === text);
  if (filter) return { kind: 'list', filter, defaulted: false };
  return { kind: 'usage', problem: `${echo(text)} is not one of mine, unclaimed, all.` };
}

/** The user's input shown back in mrkdwn: short, in code style, unable to mention or link. */
function echo(text: string): string {
  return `\`${escapeMrkdwn(truncate(text, 40).replace(/`/g, "'"))}\``;
}
