// The conversation in Slack: platform messages mirrored into the card's thread, Reply to the
// customer from a modal, and agents' thread messages as private notes on the platform.
import type { Container } from '../container.js';
import type { Feature } from '../features/index.js';
import { Feedback } from '../slack/feedback.js';
import { SlackDirectory } from '../slack/people.js';
import { registerConversationListeners } from '../slack/conversation-listeners.js';
import { MessageSender } from './send.js';

function createSender(c: Container): MessageSender {
  return new MessageSender({
    db: c.db,
    producer: c.producer,
    apis: c.platformApis,
    cards: c.cards,
    feedback: new Feedback(c.slack, c.cards),
  });
}

export const conversationFeature: Feature = {
  name: 'conversation',
  jobs(c) {
    const sender = createSender(c);
    return {
      'conversation.mirror': (data, { log }) => c.conversation.flush(data.escalationId, log),
      'conversation.send': (data, { job, log }) => sender.send(data, job, log),
    };
  },
  listeners(app, c) {
    registerConversationListeners(app, {
      db: c.db,
      sender: createSender(c),
      cards: c.cards,
      apis: c.platformApis,
      people: new SlackDirectory(c.slack),
      logger: c.logger,
    });
  },
};
