// onWebChat: no API is documented, so handoff keeps the state itself and the card only links to
// the dashboard (no assign/label/resolve controls).
import type { IncomingHttpHeaders } from 'node:http';
import { envelopeObject } from '../shared/envelope.js';
import { NO_CAPABILITIES, type PlatformAdapter, type WebhookEnvelope } from '../types.js';
import { owcEventType, parseOnWebChat } from './parse.js';
import { verifyOnWebChat } from './verify.js';
import type { OnWebChatConfig } from './index.js';

export const DISPLAY_NAME = 'onWebChat';

export function createOnWebChatAdapter(cfg: Pick<OnWebChatConfig, 'secrets' | 'dashboardUrl'>): PlatformAdapter {
  const dashboardUrl = cfg.dashboardUrl.replace(/\/+$/, '');
  return {
    id: 'onwebchat',
    displayName: DISPLAY_NAME,
    capabilities: NO_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyOnWebChat(cfg.secrets, raw, headers, now),
    envelope(body: unknown, headers: IncomingHttpHeaders): WebhookEnvelope {
      const obj = envelopeObject(body, DISPLAY_NAME);
      // No deliveryId: the dedupe key is the hash of the signed body. X-OWC-Delivery is not covered
      // by the signature, so a captured body re-sent under a new delivery id would otherwise be
      // processed again; onWebChat's retries resend the same bytes, so they still dedupe.
      return { eventType: owcEventType(obj, headers) };
    },
    parse: (body: unknown, headers: IncomingHttpHeaders) => parseOnWebChat(body, headers),
    // onWebChat documents no per-chat deep link; the dashboard is where agents pick chats up.
    conversationUrl: (_conversationId: string) => dashboardUrl,
  };
}
