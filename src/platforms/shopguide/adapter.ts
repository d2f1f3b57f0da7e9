// ShopGuide: its API can set status (resolve/reopen), tags (labels) and notes on a conversation,
// but has no assignment endpoint, so the card shows every control except Assign.
import type { IncomingHttpHeaders } from 'node:http';
import { envelopeObject } from '../shared/envelope.js';
import type { PlatformAdapter, PlatformCapabilities, WebhookEnvelope } from '../types.js';
import { parseShopGuide, shopGuideEventType } from './parse.js';
import { verifyShopGuide } from './verify.js';
import type { ShopGuideConfig } from './index.js';

export const DISPLAY_NAME = 'ShopGuide';

export const SHOPGUIDE_CAPABILITIES: PlatformCapabilities = {
  assign: false,
  label: true,
  resolve: true,
  reopen: true,
  note: true,
  send: false,
};

export function createShopGuideAdapter(cfg: Pick<ShopGuideConfig, 'secrets' | 'apiUrl'>): PlatformAdapter {
  const appUrl = appUrlFor(cfg.apiUrl);
  return {
    id: 'shopguide',
    displayName: DISPLAY_NAME,
    capabilities: SHOPGUIDE_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyShopGuide(cfg.secrets, raw, headers, now),
    envelope(body: unknown): WebhookEnvelope {
      // ShopGuide documents no delivery id: the caller dedupes on the body hash (retries resend
      // the same bytes).
      return { eventType: shopGuideEventType(envelopeObject(body, DISPLAY_NAME)) };
    },
    parse: (body: unknown) => parseShopGuide(body),
    conversationUrl: (conversationId: string) =>
      appUrl ? `${appUrl}/conversations/${encodeURIComponent(conversationId)}` : undefined,
  };
}

/**
 * ShopGuide's dashboard is not documented; by the usual api./app. convention the hosted API
 * https://api.shopguide.com/v1 pairs with https://app.shopguide.com. A custom API URL (a proxy,
 * a test server) gives no link rather than a wrong one.
 */
export function appUrlFor(apiUrl: string): string | undefined {
  try {
    const u = new URL(apiUrl);
    if (!u.hostname.startsWith('api.')) return undefined;
    return `${u.protocol}//app.${u.hostname.slice('api.'.length)}`;
  } catch {
    return undefined;
  }
}
