// The /order answers. Pure: an OrderAnswer in, a message out. Everything from Shopify is user
// data (titles, names, tags) and goes through userText/link; every list is capped so a 50-item
// order still fits one message.
import type { KnownBlock } from '@slack/types';
import type { ShopifyOrderDetail } from '../../shopify/models.js';
import { orderLine } from '../../slack/blocks/card.js';
import { numericId } from '../../shopify/search.js';
import type { ShopifyCustomerSummary, ShopifyOrderSummary } from '../../shopify/types.js';
import type { SlackMessage } from '../../slack/blocks/card.js';
import { escapeMrkdwn, formatDate, formatMoney, humanize, link, mention, truncate, userText } from '../../slack/blocks/text.js';
import { ActionId, BlockId } from '../../slack/ids.js';
import { CommandActionId, CommandBlockId } from '../ids.js';
import { answerRef, encodeRef, type OrderAnswer } from '../lookup.js';
import { ORDER_USAGE } from '../parse.js';
import { button, context, fields, LIMITS, plural, section } from './kit.js';

export interface OrderMessageOptions {
  /** Set when the answer is being shared in the channel: no Share button, a "shared by" line. */
  sharedBy?: string;
  /** False where sharing is not allowed (not the escalation channel or SLACK_SHARE_CHANNELS): no Share button. */
  canShare?: boolean;
}

/** The notification text: short, and unable to mention or link whatever Shopify holds. */
function fallback(text: string): string {
  return escapeMrkdwn(truncate(text, LIMITS.fallbackText));
}

/** Room left in a 3000-char section for a list, after its heading. */
const LIST_BUDGET = 2700;
const BLOCK = (part: string) => `${BlockId.orderResult}:${part}`;

export function orderAnswerMessage(answer: OrderAnswer, opts: OrderMessageOptions = {}): SlackMessage {
  switch (answer.kind) {
    case 'order':
      return withShare(orderMessage(answer.order), answer, opts);
    case 'customer':
      return withShare(customerMessage(answer.customer, answer.orders), answer, opts);
    case 'choose':
      return chooseMessage(answer.query, answer.customers, answer.more);
    case 'not_found':
      return notFoundMessage(answer);
  }
}

function withShare(message: SlackMessage, answer: OrderAnswer, opts: OrderMessageOptions): SlackMessage {
  const ref = answerRef(answer);
  const blocks = [...message.blocks];
  if (opts.sharedBy) {
    blocks.push(context(BLOCK('shared'), [`Shared by ${mention(opts.sharedBy)} with \`/order\``]));
  } else if (ref && opts.canShare !== false) {
    blocks.push({
      type: 'actions',
      block_id: BLOCK('actions'),
      elements: [button(ActionId.orderShare, 'Share in channel', { value: encodeRef(ref) })],
    });
  }
  return { text: message.text, blocks };
}

/** Bullet lines until the budget is spent, then "…and N more". */
function bulletList(lines: string[], budget = LIST_BUDGET): string {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  const rest = lines.length - kept.length;
  if (rest > 0) kept.push(`_…and ${rest} more_`);
  return kept.join('\n');
}

function orderStatus(o: ShopifyOrderDetail): string {
  if (o.cancelledAt) return `Cancelled ${formatDate(o.cancelledAt)}`;
  if (o.closedAt) return `Closed ${formatDate(o.closedAt)}`;
  return 'Open';
}

function place(o: ShopifyOrderDetail): string {
  const a = o.shippingAddress;
  const parts = [a?.city, a?.country].filter((p): p is string => Boolean(p?.trim()));
  return parts.length ? userText(parts.join(', '), 200) : '_no shipping address_';
}

function customerLine(c: ShopifyCustomerSummary): string {
  const name = link(c.adminUrl, truncate(c.name || c.email || 'Customer', 120));
  const email = c.email && c.name ? ` · ${userText(c.email, 200)}` : '';
  return `${name}${email}\n${plural(c.ordersCount, 'order')} · lifetime ${escapeMrkdwn(formatMoney(c.totalSpent))}`;
}

function trackingLines(o: ShopifyOrderDetail): string[] {
  const lines: string[] = [];
  for (const f of o.fulfillments) {
    const status = escapeMrkdwn(humanize(f.status));
    if (f.tracking.length === 0) lines.push(`• ${status} ${formatDate(f.createdAt)}, no tracking number`);
    for (const t of f.tracking) {
      const number = link(t.url, truncate(t.number || 'tracking link', 80));
      const company = t.company ? ` · ${userText(t.company, 60)}` : '';
      lines.push(`• ${number}${company} · ${status}`);
    }
  }
  return lines;
}

export function orderMessage(o: ShopifyOrderDetail): SlackMessage {
  const items = o.lineItems.map((li) => `• ${li.quantity} × ${userText(li.title, 150)}`);
  if (o.lineItemsTruncated) items.push('_more items in Shopify_');
  const tracking = trackingLines(o);
  const money = [
    `Subtotal ${escapeMrkdwn(formatMoney(o.subtotal))}`,
    `Shipping ${escapeMrkdwn(formatMoney(o.shipping))}`,
    `Tax ${escapeMrkdwn(formatMoney(o.tax))}`,
  ].join(' · ');
  const blocks: KnownBlock[] = [
    section(
      BlockId.orderResult,
      `:package: *Order ${link(o.adminUrl, truncate(o.name, 60))}* · placed ${formatDate(o.createdAt)}`,
      {
        fields: fields([
          `*Status*\n${orderStatus(o)}`,
          `*Total*\n${escapeMrkdwn(formatMoney(o.total))}`,
          `*Payment*\n${escapeMrkdwn(humanize(o.financialStatus))}`,
          `*Fulfillment*\n${escapeMrkdwn(humanize(o.fulfillmentStatus))}`,
          `*Ships to*\n${place(o)}`,
          `*Breakdown*\n${money}`,
        ]),
      },
    ),
    section(BLOCK('items'), `*Items* (${o.lineItems.reduce((n, li) => n + li.quantity, 0)})\n${bulletList(items) || '_none_'}`),
    section(BLOCK('tracking'), `*Tracking*\n${tracking.length ? bulletList(tracking, 1500) : '_not shipped yet_'}`),
    section(
      BLOCK('customer'),
      o.customer ? `*Customer* ${customerLine(o.customer)}` : '*Customer* _guest checkout or deleted customer_',
    ),
  ];
  const text = `Order ${o.name}: ${humanize(o.financialStatus)}, ${humanize(o.fulfillmentStatus)}, ${formatMoney(o.total)}`;
  return { text: fallback(text), blocks };
}

export function customerMessage(c: ShopifyCustomerSummary, orders: ShopifyOrderSummary[]): SlackMessage {
  const tags = c.tags.length ? `\nTags: ${userText(c.tags.join(', '), 300)}` : '';
  const blocks: KnownBlock[] = [
    section(BlockId.orderResult, `:bust_in_silhouette: *Customer* ${customerLine(c)}${tags}`),
    section(BLOCK('orders'), orders.length ? `*Latest orders*\n${bulletList(orders.map(orderLine))}` : '_No orders yet._'),
  ];
  if (c.ordersCount > orders.length) {
    blocks.push(
      context(BLOCK('more'), [
        `Showing the ${orders.length} most recent of ${c.ordersCount} orders · ${link(c.adminUrl, 'all orders in Shopify')} · \`/order #number\` for one order`,
      ]),
    );
  }
  const text = `${c.name || c.email || 'Customer'}: ${plural(c.ordersCount, 'order')}, lifetime ${formatMoney(c.totalSpent)}`;
  return { text: fallback(text), blocks };
}

export function chooseMessage(query: string, customers: ShopifyCustomerSummary[], more: boolean): SlackMessage {
  const heading = `${more ? 'More than ' : ''}${plural(customers.length, 'customer')} match “${userText(query, 100)}”. Pick one:`;
  const blocks: KnownBlock[] = [section(BlockId.orderResult, heading)];
  customers.forEach((c, i) => {
    const email = c.email ? ` · ${userText(c.email, 200)}` : '';
    const line = `*${userText(c.name || c.email || 'Unnamed customer', 120)}*${email}\n${plural(c.ordersCount, 'order')} · lifetime ${escapeMrkdwn(formatMoney(c.totalSpent))}`;
    blocks.push(
      section(`${CommandBlockId.orderPick}:${i}`, line, {
        accessory: button(CommandActionId.orderPickCustomer, 'Show orders', {
          value: encodeRef({ kind: 'customer', id: numericId(c.id) }),
        }),
      }),
    );
  });
  if (more) blocks.push(context(BLOCK('more'), ['Not listed? Add the last name, or look up by email.']));
  return { text: fallback(`${customers.length} customers match “${query}”`), blocks };
}

const NOT_FOUND: Record<Extract<OrderAnswer, { kind: 'not_found' }>['what'], (q: string) => string> = {
  order: (q) => `No order ${q} in Shopify.`,
  email: (q) => `No Shopify customer with the email ${q}.`,
  name: (q) => `No Shopify customer matches “${q}”.`,
  customer: () => 'That customer no longer exists in Shopify.',
};

export function notFoundMessage(answer: Extract<OrderAnswer, { kind: 'not_found' }>): SlackMessage {
  return {
    text: fallback(NOT_FOUND[answer.what](answer.query)),
    blocks: [
      section(BlockId.orderResult, `:mag: ${NOT_FOUND[answer.what](`*${userText(answer.query, 100)}*`)}`),
      context(BLOCK('usage'), ['Try an order number (`#1001`), an email, or a customer name.']),
    ],
  };
}

/** Shopify could not answer (down, refusing, misconfigured): say so plainly, never stay silent. */
export function unavailableMessage(query: string, reason: 'down' | 'refused' | 'failed'): SlackMessage {
  const what = `“${userText(query, 100)}”`;
  const lines = {
    down: `:warning: Shopify isn't answering right now, so I couldn't look up ${what}. Please try again in a minute.`,
    refused: `:no_entry: Shopify refused the lookup of ${what}. The app's access token may lack the read_orders / read_customers scopes or protected customer data access; ask whoever manages the Shopify app.`,
    failed: `:warning: Something went wrong looking up ${what}. Please try again; if it keeps happening, tell the handoff admins.`,
  };
  const text = lines[reason];
  return { text: truncate(text.replace(/^:\w+: /, ''), LIMITS.fallbackText), blocks: [section(BlockId.orderResult, text)] };
}

export function usageMessage(usage: string = ORDER_USAGE, problem?: string): SlackMessage {
  const text = problem ? `${problem}\n${usage}` : usage;
  return { text: truncate(problem ?? 'Usage', LIMITS.fallbackText), blocks: [section('usage', text)] };
}
