// The Slack actions feature: claim, release, assign, label, resolve and reopen from the card,
// mirrored into the chat platform. Listeners ack and queue; the jobs do the work.
import type { Container } from '../container.js';
import type { Feature } from '../features.js';
import { AgentResolver, SlackDirectory } from './agents.js';
import { Feedback } from './feedback.js';
import { registerActionListeners } from './listeners.js';
import { ActionService } from './service.js';
import { PlatformSync } from './sync.js';

export function createActionService(c: Container): ActionService {
  const people = new SlackDirectory(c.slack);
  const sync = new PlatformSync({
    db: c.db,
    apis: c.platformApis,
    adapters: c.adapters,
    agents: new AgentResolver(c.db, people),
    people,
  });
  return new ActionService({
    db: c.db,
    cards: c.cards,
    producer: c.producer,
    sync,
    feedback: new Feedback(c.slack, c.cards),
    labels: c.config.labels,
    backoffBaseMs: c.tuning.backoffBaseMs,
  });
}

export const actionsFeature: Feature = {
  name: 'actions',
  jobs(c) {
    const service = createActionService(c);
    return {
      'slack.action': (data, { log }) => service.handleClick(data, log),
      'platform.sync': (data, { job, log }) => service.handleSync(data, job, log),
    };
  },
  listeners(app, c) {
    registerActionListeners(app, { producer: c.producer, logger: c.logger });
  },
};
