// Generic webhook sample deliveries for `handoff simulate generic <event>` and the tests: the
// guide's escalation payload (docs/platforms.md) and its conversation-ended shape, which handoff ignores.
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

/** A bare hex HMAC in x-webhook-signature, as the generic guide's example computes it (docs/platforms.md). */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-webhook-signature': encodeDigest(raw, secret, 'hex'),
  };
}
