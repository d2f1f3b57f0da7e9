// Slash commands (Slack surface: commands): /order and /escalations. Each acks within Slack's 3
// seconds and hands the slow part (Shopify, the database read) to the queue. Input is checked
// before the ack, so usage errors are answered at once and never become jobs.
import type { App } from '@slack/bolt';
import { usageMessage } from '../../commands/blocks/order.js';
import { ESCALATIONS_USAGE, ORDER_USAGE, parseEscalationsCommand, parseOrderCommand } from '../../commands/parse.js';
import { isAllowedResponseUrl } from '../../commands/respond.js';
import { escapeMrkdwn, truncate } from '../blocks/text.js';
import { enqueueForAck, ephemeral, type ListenerContext, plain, QUEUE_DOWN } from './ack.js';

export function register(app: App, c: ListenerContext): void {
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
}
