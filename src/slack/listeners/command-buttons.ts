// Buttons on command answers and the Home tab (Slack surface: block actions): share an order, pick
// a customer, and the open-escalations list's Claim. Each acks, then queues.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { jobIdFor } from '../../actions/keys.js';
import { CommandActionId } from '../../commands/ids.js';
import type { OrderAnswerMode } from '../../commands/jobs.js';
import { decodeRef } from '../../commands/lookup.js';
import { isShareChannel } from '../../commands/order-job.js';
import { isAllowedResponseUrl } from '../../commands/respond.js';
import { toActionJob } from '../clicks.js';
import { ActionId } from '../ids.js';
import { dm, enqueueForAck, type ListenerContext, QUEUE_DOWN, tell } from './ack.js';

const notShareable = (channels: string[]) =>
  `:lock: Order answers can be shared only in ${channels.map((id) => `<#${id}>`).join(', ')}. This one stays private.`;

export function register(app: App, c: ListenerContext): void {
  const log = c.logger.child({ feature: 'commands' });
  const slackApiUrl = c.config.slack.apiUrl;

  const lookupButton =
    (mode: OrderAnswerMode) =>
    async ({
      ack,
      body,
      action,
      respond,
    }: {
      ack: () => Promise<void>;
      body: BlockAction;
      action: ButtonAction;
      respond: RespondFn;
    }) => {
      await ack();
      const lookup = decodeRef(action.value);
      if (!lookup || !isAllowedResponseUrl(body.response_url, slackApiUrl)) return;
      const channelId = body.channel?.id ?? body.container?.channel_id;
      if (mode === 'share' && !isShareChannel(c.config, channelId)) {
        log.info({ channelId }, 'share outside the share channels refused');
        return tell(respond, notShareable(c.config.slack.shareChannels), log);
      }
      try {
        await enqueueForAck(c, () =>
          c.producer.enqueue('command.order', { lookup, mode, responseUrl: body.response_url, userId: body.user.id, channelId }),
        );
      } catch (err) {
        log.error({ err: (err as Error).message, mode }, 'could not queue the lookup');
        await tell(respond, QUEUE_DOWN, log);
      }
    };
  app.action<BlockAction<ButtonAction>>(ActionId.orderShare, lookupButton('share'));
  app.action<BlockAction<ButtonAction>>(CommandActionId.orderPickCustomer, lookupButton('replace'));

  // The queue's Claim (from /escalations or the Home tab) is the card's claim: the same payload
  // parsing, the same job and job id (one per click, so a Slack retry has no second effect).
  app.action<BlockAction<ButtonAction>>(ActionId.escalationsClaim, async ({ ack, body, respond }) => {
    await ack();
    const job = toActionJob('claim', body);
    if (!job) {
      log.warn('queue Claim without a usable escalation id; ignored');
      return;
    }
    try {
      await enqueueForAck(c, () => c.producer.enqueue('slack.action', job, { jobId: jobIdFor('act', job.requestKey) }));
    } catch (err) {
      log.error({ err: (err as Error).message }, 'could not queue the claim');
      if (body.response_url) await tell(respond, QUEUE_DOWN, log);
      // A Home-tab click has no response_url: the app's DM is the only way to say it failed.
      else await dm(c, body.user.id, QUEUE_DOWN, log);
    }
  });
}
