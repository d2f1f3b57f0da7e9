// Slash commands (/order, /escalations) and the App Home tab.
import type { Feature } from '../features/index.js';
import { isSlackUserId } from '../slack/blocks/text.js';
import * as buttonListeners from '../slack/listeners/command-buttons.js';
import * as commandListeners from '../slack/listeners/commands.js';
import * as homeListeners from '../slack/listeners/home.js';
import { enqueueWithin } from './budget.js';
import { escalationsJobHandler } from './escalations-job.js';
import { HomeTabs } from './home.js';
import { orderJobHandler } from './order-job.js';

const HOME_ENQUEUE_BUDGET_MS = 1000;

export const commandsFeature: Feature = {
  name: 'commands',
  jobs(c) {
    const home = new HomeTabs(c);
    return {
      'command.order': orderJobHandler({ shopify: c.shopify, config: c.config }),
      'command.escalations': escalationsJobHandler(c),
      'home.publish': (data) => home.publish(data.userId),
      'home.changed': (data) => home.changed(data.userIds),
    };
  },
  listeners(app, c) {
    // Per Slack surface: slash commands, the buttons on their answers, the Home tab's events.
    commandListeners.register(app, c);
    buttonListeners.register(app, c);
    homeListeners.register(app, { logger: c.logger, home: new HomeTabs(c) });
  },
  async onWorkerStart(c) {
    // Cards change only inside jobs, so the worker role is where to listen. The listener queues
    // one fan-out job and returns: the card's own job is never slowed by Home tabs.
    // Best effort and bounded: with Redis down the card must still be published, and Home tabs
    // catch up the next time they are opened.
    c.cards.onPublished(async (esc) => {
      const concerned = [esc.claimedBySlackId, esc.assigneeSlackId].filter((u): u is string => isSlackUserId(u));
      await enqueueWithin(c, HOME_ENQUEUE_BUDGET_MS, () =>
        c.producer.enqueue('home.changed', { userIds: [...new Set(concerned)] }),
      );
    });
  },
};
