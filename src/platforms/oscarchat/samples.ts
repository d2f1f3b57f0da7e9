// Oscar Chat sample deliveries for `handoff simulate oscarchat <event>` and the tests.
import { cloneSamples, type Samples } from '../shared/samples.js';
import { encodeDigest } from '../shared/signature.js';
import botEscalated from './fixtures/bot.escalated.json' with { type: 'json' };
import conversationAssigned from './fixtures/conversation.assigned.json' with { type: 'json' };
import conversationCreated from './fixtures/conversation.created.json' with { type: 'json' };
import conversationResolved from './fixtures/conversation.resolved.json' with { type: 'json' };
import messageCreated from './fixtures/message.created.json' with { type: 'json' };

export function samples(): Samples {
  return cloneSamples({
    'bot.escalated': botEscalated,
    'message.created': messageCreated,
    'conversation.created': conversationCreated,
    'conversation.assigned': conversationAssigned,
    'conversation.resolved': conversationResolved,
  });
}

/** Oscar sends only the signature; the event type and id travel in the body. */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-oscar-signature': `sha256=${encodeDigest(raw, secret, 'hex')}`,
  };
}
