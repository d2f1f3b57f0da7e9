// Bolt listeners of the commands feature. Each one acks within Slack's 3 seconds and hands the
// slow part (Shopify, the queue's database reads, views.publish, claiming) to the queue. Input is checked before the ack, so
// usage errors are answered at once and never become jobs.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { jobIdFor, toActionJob } from '../actions/parse.js';
import type { Container } from '../container.js';
import type { Logger } from '../logger.js';
import type { SlackMessage } from '../slack/blocks/card.js';
import { escapeMrkdwn, truncate } from '../slack/blocks/text.js';
import { slackCall } from '../slack/client.js';
import { ActionId } from '../slack/ids.js';
import { usageMessage } from './blocks/order.js';
import { enqueueWithin } from './budget.js';
import type { HomeTabs } from './home.js';
import { CommandActionId } from './ids.js';
import type { OrderAnswerMode } from './jobs.js';
import { decodeRef } from './lookup.js';
import { isShareChannel } from './order-job.js';
import { ESCALATIONS_USAGE, ORDER_USAGE, parseEscalationsCommand, parseOrderCommand } from './parse.js';
import { isAllowedResponseUrl } from './respond.js';

/** Enqueueing takes a millisecond or two; past this the ack says the queue is down. */
export const ENQUEUE_BUDGET_MS = 1500;

const QUEUE_DOWN = ":warning: handoff can't queue work right now, so nothing was started. Please try again in a minute.";

const ephemeral = (m: SlackMessage) => ({ response_type: 'ephemeral' as const, text: m.text, blocks: m.blocks });
const notShareable = (channels: string[]) =>
  `:lock: Order answers can be shared only in ${channels.map((id) => `<#${id}>`).join(', ')}. This one stays private.`;
const plain = (text: string) => ({ response_type: 'ephemeral' as const, text });

/**
 * Enqueue within Slack's ack window: a connection that is not ready fails at once, a slow one
 * after a budget, and the ack then says the queue is down (instead of Slack showing a timeout).
 */
function enqueueForAck(c: Container, enqueue: () => Promise<unknown>): Promise<unknown> {
  return enqueueWithin(c, ENQUEUE_BUDGET_MS, enqueue);
}

export function registerCommandListeners(app: App, c: Container, home: HomeTabs): void {
  const log = c.logger.child({ feature: 'commands' });
  const slackApiUrl = c.config.slack.apiUrl;

  app.command('/order', async ({ command, ack }) => {
    const parsed = parseOrderCommand(command.text);
    if (parsed.kind === 'usage') return ack(ephemeral(usageMessage(ORDER_USAGE, parsed.problem)));
    if (!isAllowedResponseUrl(command.response_url, slackApiUrl))
      return ack(plain(':warning: This request has no usable response_url.'));
    try {
      await enqueueForAck(c, () =>
        c.producer.enqueue('command.order', {
          lookup: { kind: 'query', text: parsed.query },
          mode: 'reply',
          responseUrl: command.response_url,
          userId: command.user_id,
          channelId: command.channel_id,
        }),
      );
    } catch (err) {
      log.error({ err: (err as Error).message, command: '/order' }, 'could not queue the lookup');
      return ack(plain(QUEUE_DOWN));
    }
    await ack(plain(`:mag: Looking up \`${escapeMrkdwn(truncate(parsed.query, 100).replace(/`/g, "'"))}\`…`));
  });

  app.command('/escalations', async ({ command, ack }) => {
    const parsed = parseEscalationsCommand(command.text);
    if (parsed.kind === 'usage') return ack(ephemeral(usageMessage(ESCALATIONS_USAGE, parsed.problem)));
    if (!isAllowedResponseUrl(command.response_url, slackApiUrl))
      return ack(plain(':warning: This request has no usable response_url.'));
    // The queue is read in a job and answered through response_url: reading it here could let a
    // busy database pool eat Slack's 3 seconds. The enqueue is bounded like /order's.
    try {
      await enqueueForAck(c, () =>
        c.producer.enqueue('command.escalations', {
          filter: parsed.filter,
          showUsage: parsed.defaulted,
          responseUrl: command.response_url,
          userId: command.user_id,
        }),
      );
    } catch (err) {
      log.error({ err: (err as Error).message, command: '/escalations' }, 'could not queue the list');
      return ack(plain(QUEUE_DOWN));
    }
    // An empty ack: the list itself is the one message the user sees.
    await ack();
  });

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

  app.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home') return;
    // context.isAgent is set by the access middleware (src/access): a non-agent sees no queue.
    if (context.isAgent === false)
      return home.publishNoAccess(event.user).catch((err) => log.warn({ err: (err as Error).message }, 'could not publish Home'));
    await home.opened(event.user, log).catch((err) => log.error({ err: (err as Error).message }, 'could not queue the Home tab'));
  });
}

/** A DM from the app (chat.postMessage to a user id), for clicks that have no response_url. */
async function dm(c: Container, userId: string, text: string, log: Logger): Promise<void> {
  log.info({ userId }, 'no response_url for the click; telling the user by DM');
  await slackCall(() => c.slack.chat.postMessage({ channel: userId, text }))
    .then(() => undefined)
    .catch((err) => log.warn({ err: (err as Error).message }, 'could not DM the user'));
}

/** An ephemeral note through the click's response_url, without touching the message clicked. */
async function tell(respond: RespondFn, text: string, log: Logger): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((err) =>
    log.warn({ err: (err as Error).message }, 'could not tell the user'),
  );
}
