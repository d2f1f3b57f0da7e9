// Shows an escalation outcome in Slack: the card re-rendered from the stored row, and the thread
// line the outcome calls for. The same code runs on the first attempt and when a retried job
// replays an outcome it already stored, so both say the same thing.
import type { Escalation } from '../../db/client.js';
import type { EscalationOutcome } from '../../escalations/outcomes.js';
import type { ConversationMirror } from '../../conversation/mirror.js';
import type { Logger } from '../../logger.js';
import { threadLine } from '../blocks/thread.js';
import type { CardLane } from '../card-jobs.js';
import type { CardPublisher } from '../card-publisher.js';

/** The thread line for an outcome, given the card as just published; undefined for none. */
export function outcomeLine(outcome: EscalationOutcome, published: Escalation, platformName: (id: string) => string): string | undefined {
  switch (outcome.kind) {
    case 're_escalated':
      // The count the event made; a replay of an audit row written before counts were kept uses the card's.
      return outcome.count === undefined
        ? threadLine.reEscalated(published.escalationCount, published.reason)
        : threadLine.reEscalated(outcome.count, outcome.reason);
    case 'reopened_by_customer':
      return threadLine.reopenedByCustomer(platformName(outcome.platform));
    case 'platform_assigned':
      return threadLine.platformAssigned(platformName(outcome.platform), outcome.agentName);
    case 'platform_resolved':
      return threadLine.platformResolved(platformName(outcome.platform), outcome.by);
    default:
      return undefined;
  }
}

/** Where an outcome's card render goes in the card lane (src/slack/card-jobs.ts). */
export function laneOf(outcome: EscalationOutcome): CardLane | 'new' {
  switch (outcome.kind) {
    case 'escalated':
    case 're_escalated':
      return 'new';
    case 'updated':
      // Only the latest customer message changed: cosmetic. A contact's email may bring Shopify data.
      return outcome.message ? 'cosmetic' : 'normal';
    default:
      return 'normal';
  }
}

export class EscalationPresenter {
  constructor(
    private readonly cards: CardPublisher,
    /** Mirrors platform messages into the card's thread (src/conversation/mirror.ts). */
    private readonly conversation?: Pick<ConversationMirror, 'record'>,
  ) {}

  async present(outcome: EscalationOutcome, log: Logger): Promise<Escalation | undefined> {
    if (outcome.kind === 'none') return undefined;
    const mirror = this.conversation;
    if (outcome.kind === 'message') {
      // The first agent reply on the platform stops the SLA clock the card shows: a platform change.
      if (outcome.cardChanged) await this.cards.request(outcome.escalationId, 'normal', log);
      await mirror?.record(outcome.esc, outcome.message.event, outcome.message.key, log);
      return outcome.esc;
    }
    if (outcome.kind === 'updated' && outcome.message && outcome.esc && mirror) {
      // The mirror re-renders the card with its thread post, once per batch of messages.
      await mirror.record(outcome.esc, outcome.message.event, outcome.message.key, log);
      return outcome.esc;
    }
    // Thread lines go out paced (card-publisher.ts); the card waits its turn in the card lane.
    const published = await this.cards.request(outcome.escalationId, laneOf(outcome), log);
    const line = outcomeLine(outcome, published, (id) => this.cards.platformName(id));
    if (line) await this.cards.threadReply(published, line);
    if (outcome.kind === 'reopened_by_customer' && outcome.message) {
      await mirror?.record(published, outcome.message.event, outcome.message.key, log);
    }
    return published;
  }
}
