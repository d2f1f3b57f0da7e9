// Delivers taken SLA reminder rows to Slack. Each step is recorded on the row as it completes
// (thread ts, each DM, the summary), and every post goes through postOnce, so a retry after a
// crash finishes the missing steps without repeating the done ones.
import type { WebClient } from '@slack/web-api';
import { cardUrl } from '../commands/blocks/escalations-list.js';
import type { Db, Escalation, SlaReminder } from '../db/client.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { CardPublisher } from '../slack/card-publisher.js';
import { slackCall } from '../slack/client.js';
import { postOnce } from '../slack/post-once.js';
import { slaText } from './messages.js';
import type { SlaPolicy } from './policy.js';
import { REMINDER, REMINDER_MODE, type ReminderMode } from '../vocabulary.js';

type Row = SlaReminder & { escalation: Escalation };

export const REMINDER_EVENT = 'handoff_sla_reminder';
export const SUMMARY_EVENT = 'handoff_sla_summary';

/** A reminder post: to a channel, a card's thread, or a user (DM); key names it in the metadata. */
interface OncePost {
  channel: string;
  threadTs?: string;
  text: string;
  event: string;
  key: string;
}

export interface SenderOptions {
  channel: string;
  policy: SlaPolicy;
  escalationUsers: string[];
  usergroup?: string;
}

export class SlaSender {
  constructor(
    private readonly deps: { db: Db; slack: WebClient; cards: CardPublisher },
    private readonly options: SenderOptions,
  ) {}

  /** Thread reply, overdue card, one DM per escalation user. */
  async claim(row: Row, budgetMinutes: number): Promise<void> {
    const { db, cards } = this.deps;
    const esc = row.escalation;
    if (!esc.slackChannel || !esc.slackTs) throw new RetryableError('the card is not posted yet');
    const lookFirst = row.attempts > 1;
    if (!row.threadTs) {
      const text = slaText.claimReminder(budgetMinutes, this.options.usergroup);
      const reminder = { channel: esc.slackChannel, threadTs: esc.slackTs, text, event: REMINDER_EVENT, key: row.id };
      const posted = await this.post(reminder, lookFirst, row.createdAt);
      await db.slaReminder.update({ where: { id: row.id }, data: { threadTs: posted.ts } });
    }
    await cards.request(esc.id, 'normal');
    const pending = this.options.escalationUsers.filter((u) => !row.dmSent.includes(u));
    if (pending.length) {
      const permalink = await this.permalink(esc.slackChannel, esc.slackTs);
      const text = slaText.claimDm(esc, cards.platformName(esc.platform), budgetMinutes, permalink);
      await this.dms(row, pending, text, lookFirst);
    }
    await this.done([row.id], REMINDER_MODE.individual);
  }

  /** One DM to the owner of a claimed escalation nobody has answered. */
  async firstReply(row: Row): Promise<void> {
    const esc = row.escalation;
    const owner = esc.assigneeSlackId ?? esc.claimedBySlackId;
    if (owner && !row.dmSent.includes(owner) && esc.slackChannel && esc.slackTs) {
      const permalink = await this.permalink(esc.slackChannel, esc.slackTs);
      const minutes = this.options.policy.firstReplyMinutes ?? 0;
      const text = slaText.firstReplyDm(esc, this.deps.cards.platformName(esc.platform), minutes, permalink);
      await this.dms(row, [owner], text, row.attempts > 1);
    }
    await this.done([row.id], REMINDER_MODE.individual);
  }

  /** Many at once: one message in the channel lists them; each card still shows overdue. */
  async summary(rows: Row[], key: string): Promise<void> {
    const { db, cards } = this.deps;
    const ids = rows.map((r) => r.id);
    const lookFirst = rows.some((r) => r.summaryKey === key);
    await db.slaReminder.updateMany({ where: { id: { in: ids } }, data: { summaryKey: key, mode: REMINDER_MODE.summary } });
    const items = rows.map((r) => ({ esc: r.escalation, dueAt: r.dueAt, cardUrl: cardUrl(r.escalation) }));
    const text = slaText.summary(items, (p) => cards.platformName(p), new Date(), this.options.usergroup);
    const since = new Date(Math.min(...rows.map((r) => r.createdAt.getTime())));
    const recorded = rows.find((r) => r.summaryTs)?.summaryTs;
    const posted = recorded
      ? { channel: this.options.channel, ts: recorded }
      : await this.post({ channel: this.options.channel, text, event: SUMMARY_EVENT, key }, lookFirst, since);
    if (!recorded) await db.slaReminder.updateMany({ where: { id: { in: ids } }, data: { summaryTs: posted.ts } });
    // Each card shows overdue; in a backlog these renders queue behind clicks and new cards.
    for (const r of rows) await cards.request(r.escalation.id, 'normal');
    const first = rows[0];
    const pending = first ? this.options.escalationUsers.filter((u) => !first.dmSent.includes(u)) : [];
    if (first && pending.length) {
      const permalink = await this.permalink(posted.channel, posted.ts);
      for (const user of pending) {
        const dm = slaText.summaryDm(rows.length, permalink);
        await this.post({ channel: user, text: dm, event: SUMMARY_EVENT, key: `${key}:${user}` }, lookFirst, since);
        await db.slaReminder.updateMany({ where: { id: { in: ids } }, data: { dmSent: { push: user } } });
      }
    }
    await this.done(ids, REMINDER_MODE.summary);
  }

  private async dms(row: Row, users: string[], text: string, lookFirst: boolean): Promise<void> {
    for (const user of users) {
      try {
        await this.post({ channel: user, text, event: REMINDER_EVENT, key: `${row.id}:${user}` }, lookFirst, row.createdAt);
      } catch (err) {
        // A user Slack refuses for good (deactivated, wrong id) must not hold up the others.
        if (!(err instanceof PermanentError)) throw err;
      }
      await this.deps.db.slaReminder.update({ where: { id: row.id }, data: { dmSent: { push: user } } });
    }
  }

  /**
   * One post, once (src/slack/post-once.ts): a retry (the row was taken before) first looks for it
   * by its metadata key since the row was created. The reminder row is the lease: nothing to release.
   */
  private post(p: OncePost, lookFirst: boolean, since: Date) {
    return postOnce({
      slack: this.deps.slack,
      channel: p.channel,
      threadTs: p.threadTs,
      metadata: { event_type: p.event, event_payload: { key: p.key } },
      previousLeaseAt: lookFirst ? since : undefined,
      message: () => ({ text: p.text }),
      // Reminders count against their channel's (or DM's) postMessage pace, like thread lines.
      pace: (call) => this.deps.cards.pacePost(p.channel, call),
    });
  }

  private async permalink(channel: string, ts: string): Promise<string | undefined> {
    const res = await slackCall(() => this.deps.slack.chat.getPermalink({ channel, message_ts: ts }));
    return res.permalink;
  }

  private async done(ids: string[], mode: ReminderMode): Promise<void> {
    await this.deps.db.slaReminder.updateMany({
      where: { id: { in: ids }, status: REMINDER.sending },
      data: { status: REMINDER.sent, mode, sentAt: new Date() },
    });
  }
}
