// The card's controls (Slack surface: block actions). Each one acks first (the HTTP response goes out at
// ack(): the receiver runs with processBeforeResponse false), then queues the work. No Slack or
// platform API call happens before the ack, so Slack's 3-second limit can't be missed.
import type { App } from '@slack/bolt';
import type { SlackAction } from '../../actions/jobs.js';
import { jobIdFor } from '../../actions/keys.js';
import type { Logger } from '../../logger.js';
import type { Producer } from '../../queue/producer.js';
import { toActionJob } from '../clicks.js';
import { ActionId } from '../ids.js';
import { ephemeral } from '../present/action-texts.js';

const CARD_ACTIONS: Record<SlackAction, string> = {
  claim: ActionId.claim,
  release: ActionId.release,
  assign: ActionId.assign,
  label: ActionId.label,
  resolve: ActionId.resolve,
  reopen: ActionId.reopen,
};

export interface ListenerDeps {
  producer: Producer;
  logger: Logger;
}

export function register(app: App, deps: ListenerDeps): void {
  for (const [action, actionId] of Object.entries(CARD_ACTIONS) as Array<[SlackAction, string]>) {
    app.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      const job = toActionJob(action, body);
      if (!job) {
        deps.logger.warn({ actionId }, 'card action without a usable escalation id or selection; ignored');
        return;
      }
      try {
        // jobId from the click's requestKey: a Slack retry of this request maps to the same job.
        await deps.producer.enqueue('slack.action', job, { jobId: jobIdFor('act', job.requestKey) });
      } catch (err) {
        deps.logger.error({ actionId, err: (err as Error).message }, 'could not queue a Slack action');
        await respond({ response_type: 'ephemeral', replace_original: false, text: ephemeral.notQueued() }).catch((e: Error) =>
          deps.logger.warn({ err: e.message }, 'could not tell the user their action was not queued'),
        );
      }
    });
  }
  // Link buttons still send an action; ack so Slack doesn't show the user an error.
  for (const linkId of [ActionId.openLink, ActionId.openShopify]) {
    app.action(linkId, async ({ ack }) => {
      await ack();
    });
  }
}
