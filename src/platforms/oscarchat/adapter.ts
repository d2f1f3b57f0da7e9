// Oscar Chat: full API (assign, label, note, resolve/reopen, messages to the customer), so every card control is shown.
import type { IncomingHttpHeaders } from 'node:http';
import { envelopeObject, stringField } from '../shared/envelope.js';
import type { PlatformAdapter, PlatformCapabilities, WebhookEnvelope } from '../types.js';
import { parseOscar } from './parse.js';
import { verifyOscar } from './verify.js';
import type { OscarConfig } from './index.js';

export const DISPLAY_NAME = 'Oscar Chat';

export const OSCAR_CAPABILITIES: PlatformCapabilities = {
  assign: true,
  label: true,
  resolve: true,
  reopen: true,
  note: true,
  send: true,
};

export function createOscarAdapter(cfg: Pick<OscarConfig, 'secrets' | 'appUrl'>): PlatformAdapter {
  const appUrl = cfg.appUrl.replace(/\/+$/, '');
  return {
    id: 'oscarchat',
    displayName: DISPLAY_NAME,
    capabilities: OSCAR_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyOscar(cfg.secrets, raw, headers, now),
    envelope(body: unknown): WebhookEnvelope {
      const obj = envelopeObject(body, DISPLAY_NAME);
      // The event id is inside the signed body, so it cannot be forged to dodge deduplication.
      return {
        eventType: stringField(obj, 'type') ?? stringField(obj, 'event') ?? '',
        deliveryId: stringField(obj, 'id'),
      };
    },
    parse: (body: unknown) => parseOscar(body),
    conversationUrl: (conversationId: string) => `${appUrl}/conversations/${encodeURIComponent(conversationId)}`,
  };
}
