// Service levels: claim and first-reply deadlines, reminders, storm summaries (see README
// "Service levels"). The scheduler follows every card publish; the reminders are queue jobs.
import type { Container } from '../container.js';
import type { Feature } from '../features/index.js';
import { SlaReminders } from './reminders.js';
import { SlaScheduler } from './schedule.js';
import { SlaSender } from './send.js';

export function createSlaReminders(c: Container): SlaReminders {
  const { sla, slack } = c.config;
  const sender = new SlaSender(
    { db: c.db, slack: c.slack, cards: c.cards },
    { channel: slack.escalationChannel, policy: sla, escalationUsers: sla.escalationUsers, usergroup: slack.agentUsergroup },
  );
  return new SlaReminders(
    { db: c.db, producer: c.producer, sender },
    {
      policy: sla,
      stormThreshold: sla.stormThreshold,
      windowMs: c.tuning.slaWindowMs ?? 5000,
      leaseMs: c.tuning.slaLeaseMs ?? 60_000,
    },
  );
}

export const slaFeature: Feature = {
  name: 'sla',
  setup(c) {
    if (c.tuning.sla === false) return;
    const scheduler = new SlaScheduler({ db: c.db, producer: c.producer, policy: c.config.sla });
    c.cards.onPublished((esc) => scheduler.sync(esc));
  },
  jobs(c) {
    const reminders = createSlaReminders(c);
    return {
      'sla.due': (data, { log }) => reminders.due(data, log),
      'sla.flush': (_data, { log }) => reminders.flush(log),
    };
  },
  async onWorkerStart(c) {
    if (c.tuning.sla === false) return;
    // Deadlines Redis may have lost, and reminders a crashed flush still holds.
    await new SlaScheduler({ db: c.db, producer: c.producer, policy: c.config.sla }).recover(c.logger);
    await createSlaReminders(c).requestTakeover();
  },
};
