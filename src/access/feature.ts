// Who may act: the access middleware in front of every listener, and the membership events that
// keep the list of agents current (the manifest subscribes to them).
import type { Feature } from '../features/index.js';
import { agentsOnly } from './middleware.js';

const MEMBERSHIP_EVENTS = ['member_joined_channel', 'member_left_channel', 'subteam_members_changed'] as const;

export const accessFeature: Feature = {
  name: 'access',
  listeners(app, c) {
    app.use(agentsOnly({ agents: c.agents, db: c.db, slack: c.slack, logger: c.logger }));
    for (const type of MEMBERSHIP_EVENTS) {
      app.event(type, async ({ event }) => {
        if (!c.agents.concerns(event as { type: string; channel?: string; subteam_id?: string })) return;
        c.agents.invalidate();
        c.logger.info({ event: type }, 'agent membership changed; the list is read again at the next check');
      });
    }
  },
};
