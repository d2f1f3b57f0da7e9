// Generic webhook sample deliveries for `handoff simulate generic <event>` and the tests (doc 004's
// escalation payload, and its conversation-ended shape, which handoff ignores).
import { cloneSamples, type Samples } from '../shared/samples.js';
import { encodeDigest } from '../shared/signature.js';
import conversationEnded from './fixtures/conversation.ended.json' with { type: 'json' };
import conversationEscalated from './fixtures/conversation.escalated.json' with { type: 'json' };

export function samples(): Samples {
  return cloneSamples({
    'conversation.escalated': conversationEscalated,
    'conversation.ended': conversationEnded,
  });
}

/** A bare hex HMAC in x-webhook-signature, as doc 004's curl example computes it. */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-webhook-signature': encodeDigest(raw, secret, 'hex'),
  };
}
