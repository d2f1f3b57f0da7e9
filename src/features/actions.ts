// The Slack actions feature: claim, release, assign, label, resolve and reopen from the card,
// mirrored into the chat platform. Listeners ack and queue; the jobs do the work.
import { AgentResolver } from '../actions/agents.js';
import { ActionService } from '../actions/service.js';
import { PlatformSync } from '../actions/sync.js';
import type { Container } from '../container.js';
import { Feedback } from '../slack/feedback.js';
import * as actionListeners from '../slack/listeners/actions.js';
import { SlackDirectory } from '../slack/people.js';
import { SlackActionPresenter } from '../slack/present/action.js';
import type { Feature } from './index.js';

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
    producer: c.producer,
    sync,
    presenter: new SlackActionPresenter(c.cards, new Feedback(c.slack, c.cards)),
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
    actionListeners.register(app, { producer: c.producer, logger: c.logger });
  },
};
