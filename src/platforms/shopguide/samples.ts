// ShopGuide sample deliveries for `handoff simulate shopguide <event>` and the tests. Payloads
// follow ShopGuide's own examples; the satisfaction feedback is a low rating and the cart larger
// so that simulating them shows an escalation.
import { cloneSamples, type Samples } from '../shared/samples.js';
import { encodeDigest } from '../shared/signature.js';
import conversationCompleted from './fixtures/conversation.completed.json' with { type: 'json' };
import conversationEscalated from './fixtures/conversation.escalated.json' with { type: 'json' };
import conversationStarted from './fixtures/conversation.started.json' with { type: 'json' };
import highValueInteraction from './fixtures/customer.high_value_interaction.json' with { type: 'json' };
import satisfactionFeedback from './fixtures/customer.satisfaction_feedback.json' with { type: 'json' };
import performanceAlert from './fixtures/system.performance_alert.json' with { type: 'json' };

export function samples(): Samples {
  return cloneSamples({
    'conversation.escalated': conversationEscalated,
    'customer.high_value_interaction': highValueInteraction,
    'customer.satisfaction_feedback': satisfactionFeedback,
    'conversation.completed': conversationCompleted,
    'conversation.started': conversationStarted,
    'system.performance_alert': performanceAlert,
  });
}

/** ShopGuide sends the bare hex digest; no event or delivery header is documented. */
export function sign(raw: Buffer, secret: string, _now?: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopguide-signature': encodeDigest(raw, secret, 'hex'),
  };
}
