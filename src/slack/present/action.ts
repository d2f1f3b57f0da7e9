// Shows the outcome of a Slack action: the card re-rendered from the stored row, the action's line
// in the card's thread, the clicker's private message, the assignee's DM. Everything here is best
// effort (Feedback logs failures): the state is already stored when an outcome arrives.
import type { ActionOutcome, ActionPresenter } from '../../actions/outcomes.js';
import type { ActionJobData } from '../../actions/jobs.js';
import { ACTION_VERB } from '../../actions/notes.js';
import type { Escalation } from '../../db/client.js';
import type { Logger } from '../../logger.js';
import { threadLine } from '../blocks/thread.js';
import type { CardPublisher } from '../card-publisher.js';
import type { Feedback } from '../feedback.js';
import { ephemeral, refusalText } from './action-texts.js';

export class SlackActionPresenter implements ActionPresenter {
  constructor(
    private readonly cards: CardPublisher,
    private readonly feedback: Feedback,
  ) {}

  card(escalationId: string, log: Logger): Promise<Escalation> {
    return this.cards.publish(escalationId, log);
  }

  async show(outcome: ActionOutcome, log: Logger): Promise<void> {
    const { feedback } = this;
    switch (outcome.kind) {
      case 'refused':
        return feedback.ephemeral(outcome.click, refusalText(outcome.refusal), log);
      case 'applied':
        return this.announce(outcome.click, outcome.esc, log);
      case 'agent_missing':
        return feedback.thread(outcome.esc, threadLine.agentMissing(this.name(outcome.esc), outcome.userId), log);
      case 'sync_failed': {
        const { esc, click, reason } = outcome;
        await feedback.thread(esc, threadLine.syncFailed(this.name(esc), ACTION_VERB[click.action], reason), log);
        return feedback.ephemeral(click, ephemeral.syncFailed(click.action, this.name(esc), reason, true), log);
      }
      case 'sync_recovered':
        return feedback.thread(outcome.esc, threadLine.syncRecovered(this.name(outcome.esc), capitalize(ACTION_VERB[outcome.action])), log);
    }
  }

  private name(esc: Pick<Escalation, 'platform'>): string {
    return this.cards.platformName(esc.platform);
  }

  /** The action's own line in the thread, and the assignee's DM. */
  private async announce(data: ActionJobData, esc: Escalation, log: Logger): Promise<void> {
    const { feedback } = this;
    switch (data.action) {
      case 'claim': {
        const after = esc.claimedAt ? esc.claimedAt.getTime() - esc.firstEscalatedAt.getTime() : undefined;
        return feedback.thread(esc, threadLine.claimed(data.userId, after), log);
      }
      case 'release':
        return feedback.thread(esc, threadLine.released(data.userId), log);
      case 'label':
        return feedback.thread(esc, threadLine.labelled(data.userId, esc.labels), log);
      case 'resolve':
        return feedback.thread(esc, threadLine.resolved(data.userId), log);
      case 'reopen':
        return feedback.thread(esc, threadLine.reopened(data.userId), log);
      case 'assign': {
        const assignee = data.assigneeId as string;
        await feedback.thread(esc, threadLine.assigned(data.userId, assignee), log);
        if (assignee === data.userId) return;
        const customer = esc.customerName ?? esc.customerEmail ?? 'a customer';
        await feedback.dmAssignee(esc, data.userId, assignee, customer).catch((err: Error) => {
          log.warn({ err: err.message }, 'assignee DM failed');
          return feedback.thread(esc, threadLine.dmFailed(assignee, err.message), log);
        });
      }
    }
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
