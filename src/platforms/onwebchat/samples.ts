// onWebChat sample deliveries for `handoff simulate onwebchat <event>` and the tests.
import { bodyEvent, cloneSamples, type Samples, stableId } from '../shared/samples.js';
import { encodeDigest } from '../shared/signature.js';
import chatAssigned from './fixtures/chat.assigned.json' with { type: 'json' };
import chatClosed from './fixtures/chat.closed.json' with { type: 'json' };
import chatCreated from './fixtures/chat.created.json' with { type: 'json' };
import chatRated from './fixtures/chat.rated.json' with { type: 'json' };
import messageCreated from './fixtures/message.created.json' with { type: 'json' };
import offlineMessageCreated from './fixtures/offline_message.created.json' with { type: 'json' };
import visitorBanned from './fixtures/visitor.banned.json' with { type: 'json' };
import visitorUnbanned from './fixtures/visitor.unbanned.json' with { type: 'json' };
import visitorUpdated from './fixtures/visitor.updated.json' with { type: 'json' };

export function samples(): Samples {
  return cloneSamples({
    'offline_message.created': offlineMessageCreated,
    'chat.created': chatCreated,
    'message.created': messageCreated,
    'chat.assigned': chatAssigned,
    'chat.closed': chatClosed,
    'chat.rated': chatRated,
    'visitor.updated': visitorUpdated,
    'visitor.banned': visitorBanned,
    'visitor.unbanned': visitorUnbanned,
  });
}

/**
 * The three headers onWebChat documents. The delivery id is derived from the bytes, so sending
 * the same sample twice behaves like onWebChat retrying one delivery (deduplicated); change the
 * body to simulate a new one. No timestamp header: onWebChat's documented request has none.
 */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-owc-signature': `sha256=${encodeDigest(raw, secret, 'hex')}`,
    'x-owc-delivery': String(Number.parseInt(stableId(raw, 8), 16)),
  };
  const event = bodyEvent(raw, 'event');
  if (event) headers['x-owc-event'] = event;
  return headers;
}
