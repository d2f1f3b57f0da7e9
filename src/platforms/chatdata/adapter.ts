// Chat Data: no API handoff can call; each escalation brings its own `handling_url`, which the
// card links to (so conversationUrl() has nothing to add).
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../../config.js';
import { envelopeObject } from '../shared/envelope.js';
import { NO_CAPABILITIES, type PlatformAdapter, type WebhookEnvelope } from '../types.js';
import { chatDataEventType, parseChatData } from './parse.js';
import { verifyChatData } from './verify.js';

export type ChatDataConfig = NonNullable<Config['platforms']['chatdata']>;

export function createChatDataAdapter(cfg: Pick<ChatDataConfig, 'secrets'>): PlatformAdapter {
  return {
    id: 'chatdata',
    displayName: 'Chat Data',
    capabilities: NO_CAPABILITIES,
    verify: (raw: Buffer, headers: IncomingHttpHeaders, now?: Date) => verifyChatData(cfg.secrets, raw, headers, now),
    envelope(body: unknown, headers: IncomingHttpHeaders): WebhookEnvelope {
      // Chat Data sends no delivery id: the caller dedupes on the body hash.
      return { eventType: chatDataEventType(envelopeObject(body, 'Chat Data'), headers) };
    },
    parse: (body: unknown, headers: IncomingHttpHeaders) => parseChatData(body, headers),
    conversationUrl: (_conversationId: string) => undefined,
  };
}
