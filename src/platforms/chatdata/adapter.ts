// Chat Data: no API handoff can call; each escalation brings its own `handling_url`, which the
// card links to (so conversationUrl() has nothing to add).
import type { IncomingHttpHeaders } from 'node:http';
import { envelopeObject } from '../shared/envelope.js';
import { NO_CAPABILITIES, type PlatformAdapter, type WebhookEnvelope } from '../types.js';
import { chatDataEventType, parseChatData } from './parse.js';
import { verifyChatData } from './verify.js';
import type { ChatDataConfig } from './index.js';

export const DISPLAY_NAME = 'Chat Data';

export function createChatDataAdapter(cfg: Pick<ChatDataConfig, 'secrets'>): PlatformAdapter {
  return {
    id: 'chatdata',
    displayName: DISPLAY_NAME,
    capabilities: NO_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyChatData(cfg.secrets, raw, headers, now),
    envelope(body: unknown, headers: IncomingHttpHeaders): WebhookEnvelope {
      // Chat Data sends no delivery id: the caller dedupes on the body hash.
      return { eventType: chatDataEventType(envelopeObject(body, DISPLAY_NAME), headers) };
    },
    parse: (body: unknown, headers: IncomingHttpHeaders) => parseChatData(body, headers),
    conversationUrl: (_conversationId: string) => undefined,
  };
}
