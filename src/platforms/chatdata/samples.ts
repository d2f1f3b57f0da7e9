// Chat Data sample deliveries for `handoff simulate chatdata <event>` and the tests (docs/platforms.md's
// payloads, written as JSON with realistic values).
import { bodyEvent, cloneSamples, type Samples } from '../shared/samples.js';
import { encodeDigest } from '../shared/signature.js';
import chat from './fixtures/chat.json' with { type: 'json' };
import leadSubmission from './fixtures/lead-submission.json' with { type: 'json' };
import liveChatEscalation from './fixtures/live-chat-escalation.json' with { type: 'json' };
import userOffline from './fixtures/user-offline.json' with { type: 'json' };
import userOnline from './fixtures/user-online.json' with { type: 'json' };

export function samples(): Samples {
  return cloneSamples({
    'live-chat-escalation': liveChatEscalation,
    chat,
    'lead-submission': leadSubmission,
    'user-online': userOnline,
    'user-offline': userOffline,
  });
}

/** Base64 HMAC in x-chat-data-hmac-sha256 and the event in x-chat-data-topic. */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-chat-data-hmac-sha256': encodeDigest(raw, secret, 'base64'),
  };
  const event = bodyEvent(raw, 'event');
  if (event) headers['x-chat-data-topic'] = event;
  return headers;
}
