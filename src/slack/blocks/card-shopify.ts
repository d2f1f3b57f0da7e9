// The card's Shopify part: the customer with their latest orders, or why there is none. The
// order line is shared with /order's answers.
import type { KnownBlock } from '@slack/types';
import type { Escalation } from '../../db/client.js';
import type { ShopifySnapshot } from '../../shopify/types.js';
import { ActionId, BlockId } from '../ids.js';
import { SHOW } from './card-show.js';
import { button, fields, section } from './kit.js';
import { escapeMrkdwn, formatDate, formatMoney, humanize, link, safeUrl, truncate, userText } from './text.js';

export function orderLine(o: {
  name: string;
  createdAt: string;
  total: { amount: string; currencyCode: string };
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  adminUrl: string;
}): string {
  return [
    `• ${link(o.adminUrl, truncate(o.name, 40))}`,
    formatDate(o.createdAt),
    escapeMrkdwn(formatMoney(o.total)),
    escapeMrkdwn(humanize(o.financialStatus)),
    escapeMrkdwn(humanize(o.fulfillmentStatus)),
  ].join(' · ');
}

export function shopifyBlocks(snapshot: ShopifySnapshot | undefined, esc: Escalation): KnownBlock[] {
  if (!snapshot) return [];
  switch (snapshot.status) {
    case 'found': {
      const c = snapshot.customer;
      const name = c.name || c.email || esc.customerName || 'customer';
      const tags = c.tags.length ? userText(c.tags.join(', '), SHOW.tags) : '_none_';
      const adminUrl = safeUrl(c.adminUrl);
      const head = section(BlockId.shopify, `:shopping_bags: *Shopify:* ${link(adminUrl, truncate(name, SHOW.name))}`, {
        fields: fields([
          `*Orders*\n${c.ordersCount}`,
          `*Total spent*\n${escapeMrkdwn(formatMoney(c.totalSpent))}`,
          `*Tags*\n${tags}`,
        ]),
        ...(adminUrl ? { accessory: button(ActionId.openShopify, 'Shopify customer', { url: adminUrl }) } : {}),
      });
      // Newest first whatever order the snapshot kept; a store with 50 orders still gets one block.
      const orders = [...snapshot.orders].sort((a, b) => (b.createdAt > a.createdAt ? 1 : b.createdAt < a.createdAt ? -1 : 0));
      const shown = orders.slice(0, SHOW.orders).map(orderLine);
      const more = orders.length - shown.length;
      const body = shown.length ? shown.join('\n') + (more > 0 ? `\n_+${more} more_` : '') : '_No orders yet_';
      return [head, section(BlockId.orders, `*Latest orders*\n${body}`)];
    }
    case 'not_found':
      return [
        section(
          BlockId.shopify,
          `:mag: No Shopify customer for ${userText(snapshot.email || esc.customerEmail || 'this email', SHOW.email)}`,
        ),
      ];
    case 'error':
      return [
        section(
          BlockId.shopify,
          `:warning: Shopify unavailable: ${userText(snapshot.error, SHOW.error)} (will not block the card)`,
        ),
      ];
    case 'skipped':
      return [section(BlockId.shopify, `:information_source: Shopify lookup skipped: ${userText(snapshot.reason, SHOW.error)}`)];
    case 'pending':
      return [section(BlockId.shopify, ':hourglass_flowing_sand: Shopify is busy, retrying: the orders appear here when it answers')];
  }
}
