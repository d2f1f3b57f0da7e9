// The 'command.order' job: look up in Shopify, render, answer through response_url. Every path
// ends in an answer: found, not found, several matches, or "Shopify is down" once retries are spent.
import type { Job } from 'bullmq';
import type { Config } from '../config.js';
import { PermanentError, RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { JobData } from '../queue/catalog.js';
import type { SlackMessage } from '../slack/blocks/card.js';
import { orderAnswerMessage, unavailableMessage } from './blocks/order.js';
import { lookUp, type ShopifyLookups } from './lookup.js';
import { postToResponseUrl, type ResponseMessage, ResponseUrlUnanswered } from './respond.js';
import { isLastAttempt } from '../queue/attempts.js';

export interface OrderJobDeps {
  shopify: ShopifyLookups;
  config: Pick<Config, 'slack'>;
}

type OrderJobData = JobData<'command.order'>;

function describe(lookup: OrderJobData['lookup']): string {
  if (lookup.kind === 'query') return lookup.text;
  if (lookup.kind === 'order') return lookup.name;
  return `customer ${lookup.id}`;
}

/** 401/403 and ACCESS_DENIED mean the token or its scopes, not an outage. */
function failureReason(err: unknown): 'down' | 'refused' | 'failed' {
  if (err instanceof RetryableError) return 'down';
  const message = (err as Error)?.message ?? '';
  if (/\b(401|403)\b|ACCESS_DENIED/.test(message)) return 'refused';
  return 'failed';
}

export async function answerOrder(
  deps: OrderJobDeps,
  data: OrderJobData,
  job: Pick<Job, 'attemptsMade' | 'opts'>,
  log: Logger,
): Promise<void> {
  let message: SlackMessage;
  let found = false;
  const canShare = isShareChannel(deps.config, data.channelId);
  // A share from elsewhere (the listener refuses it; a stale job might not) stays private.
  if (data.mode === 'share' && !canShare) data = { ...data, mode: 'reply' };
  try {
    const answer = await lookUp(deps.shopify, data.lookup);
    found = answer.kind === 'order' || answer.kind === 'customer';
    message = orderAnswerMessage(answer, data.mode === 'share' ? { sharedBy: data.userId } : { canShare });
  } catch (err) {
    if (err instanceof RetryableError && !isLastAttempt(job)) throw err;
    log.warn({ err: (err as Error).message, lookup: data.lookup.kind }, 'order lookup failed; telling the user');
    message = unavailableMessage(describe(data.lookup), failureReason(err));
  }

  const respond = async (m: ResponseMessage): Promise<void> => {
    const post = (body: ResponseMessage) => postToResponseUrl(data.responseUrl, body, { slackApiUrl: deps.config.slack.apiUrl });
    try {
      await post(m);
    } catch (err) {
      // Slack refusing our blocks (400) would otherwise mean silence; the text alone still answers.
      if (!(err instanceof PermanentError) || !/answered 400/.test(err.message) || !m.blocks) throw err;
      log.error({ err: err.message }, 'Slack refused the /order blocks; answering with text only');
      await post({ ...m, blocks: undefined });
    }
  };
  // Only a found order or customer is ever shared; anything else stays with the clicker.
  if (data.mode === 'share' && found) {
    try {
      await respond({ ...message, response_type: 'in_channel', replace_original: false });
    } catch (err) {
      // No answer (timeout, dropped connection): the customer's data may already be in the
      // channel, and a retry would post it a second time. Stop here; the ephemeral copy (with its
      // Share button) stays, so the user can share again if nothing appeared. Refusals Slack did
      // answer (429, 5xx) posted nothing and are retried.
      if (!(err instanceof ResponseUrlUnanswered)) throw err;
      log.warn({ err: err.message }, 'sharing the /order answer got no reply; not retrying, so it is never posted twice');
      return;
    }
    // The ephemeral copy with its Share button is now redundant. Best effort: the shared post is
    // what matters, and retrying the job would post it twice.
    await respond({ delete_original: true }).catch((err) =>
      log.info({ err: (err as Error).message }, 'could not delete the ephemeral /order answer'),
    );
    return;
  }
  await respond({ ...message, response_type: 'ephemeral', replace_original: data.mode === 'replace' });
}

/** Customer data may be posted for everyone only in the escalation channel and SLACK_SHARE_CHANNELS. */
export function isShareChannel(config: Pick<Config, 'slack'>, channelId: string | undefined): boolean {
  return Boolean(channelId) && config.slack.shareChannels.includes(channelId as string);
}

export function orderJobHandler(deps: OrderJobDeps) {
  return (data: OrderJobData, ctx: { job: Job; log: Logger }) => answerOrder(deps, data, ctx.job, ctx.log);
}
