// What the people involved see besides the card: an ephemeral message for the clicker, a line in
// the card's thread, a DM for an assignee. All best-effort: the state change is already stored
// and the card re-rendered, so a failure here is logged rather than failing (and repeating) the job.
import type { WebClient } from '@slack/web-api';
import type { Escalation } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { ClickTarget } from '../actions/outcomes.js';
import type { CardPublisher } from './card-publisher.js';
import { slackCall } from './client.js';
import { assignedDm } from './present/action-texts.js';

export type { ClickTarget };

export class Feedback {
  constructor(
    private readonly slack: WebClient,
    private readonly cards: CardPublisher,
    private readonly fetchFn: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  /**
   * Only the clicker sees it: in the channel of the click, else through the response_url, else
   * (a click on the App Home tab carries neither) as a DM from the app.
   */
  async ephemeral(to: ClickTarget, text: string, log: Logger): Promise<void> {
    if (!to.channelId && !to.responseUrl) {
      await this.direct(to.userId, text, log);
      return;
    }
    if (to.channelId) {
      try {
        await slackCall(() => this.slack.chat.postEphemeral({ channel: to.channelId as string, user: to.userId, text }));
        return;
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'ephemeral message failed; trying the response_url');
      }
    }
    if (!to.responseUrl) return;
    try {
      const res = await this.fetchFn(to.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) log.warn({ status: res.status }, 'response_url refused the ephemeral message');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'ephemeral message via response_url failed');
    }
  }

  /**
   * A DM to the user (chat.postMessage to a user id opens the app's DM with them). For clicks with
   * nowhere else to answer, like the Home tab's, where the message would otherwise be lost.
   */
  async direct(userId: string, text: string, log: Logger): Promise<void> {
    log.info({ userId }, 'no channel or response_url for the click; telling the user by DM');
    try {
      await slackCall(() => this.slack.chat.postMessage({ channel: userId, text, unfurl_links: false }));
    } catch (err) {
      log.warn({ userId, err: (err as Error).message }, 'DM to the clicker failed');
    }
  }

  async thread(esc: Escalation, text: string, log: Logger): Promise<void> {
    try {
      await this.cards.threadReply(esc, text);
    } catch (err) {
      log.warn({ escalationId: esc.id, err: (err as Error).message }, 'thread line failed');
    }
  }

  /** DM the assignee with a link to the card. Throws, so the caller can note the failure in the thread. */
  async dmAssignee(esc: Escalation, byUserId: string, assigneeId: string, customer: string): Promise<void> {
    const opened = await slackCall(() => this.slack.conversations.open({ users: assigneeId }));
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    let permalink: string | undefined;
    if (esc.slackChannel && esc.slackTs) {
      const channelId = esc.slackChannel;
      const ts = esc.slackTs;
      permalink = await slackCall(() => this.slack.chat.getPermalink({ channel: channelId, message_ts: ts }))
        .then((r) => r.permalink)
        .catch(() => undefined); // the DM is still useful without the link
    }
    const text = assignedDm(byUserId, customer, this.cards.platformName(esc.platform), permalink);
    await slackCall(() => this.slack.chat.postMessage({ channel, text, unfurl_links: false }));
  }
}
