// The last line of defence: a delivery that escalates but whose job failed for good (a bug, a
// payload nobody foresaw) still reaches the agents. A plain card with what is known and how to
// replay it from the dead-letter set: an escalation is never silently dropped.
import type { IncomingHttpHeaders } from 'node:http';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import { isLowRating, type RuleConfig } from '../escalations/rules.js';
import type { Logger } from '../logger.js';
import { platformName } from '../platforms/list.js';
import type { PlatformAdapter, PlatformEvent, PlatformId } from '../platforms/types.js';
import { slackCall } from '../slack/client.js';
import { escapeMrkdwn, truncate } from '../slack/blocks/text.js';

export interface FallbackDeps {
  db: Db;
  slack: WebClient;
  adapters: Map<PlatformId, PlatformAdapter>;
  rules: RuleConfig;
  channel: string;
  logger: Logger;
}

/** Mark the delivery failed; if that was news and it carried an escalation, post a fallback card. */
export async function deadLetterDelivery(deps: FallbackDeps, deliveryId: string, jobId: string, reason: string): Promise<void> {
  // The status flip is the guard: whichever worker flips it posts, so the fallback goes out once.
  const flipped = await deps.db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: { not: 'failed' } },
    data: { status: 'failed', error: reason.slice(0, 500) },
  });
  if (flipped.count === 0) return;
  const delivery = await deps.db.webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) return;
  const adapter = deps.adapters.get(delivery.platform as PlatformId);
  // A body erased by retention or `handoff forget` has nothing left to show.
  const escalation =
    adapter && delivery.body !== null ? escalatingEvent(adapter, delivery.body, delivery.headers, deps.rules) : undefined;
  if (!escalation) return;
  const name = platformName(delivery.platform);
  const customer = 'customer' in escalation ? (escalation.customer.name ?? 'unknown customer') : 'unknown customer';
  const text = [
    `:warning: *An escalation from ${escapeMrkdwn(name)} could not be processed* — please pick it up on the platform.`,
    `Conversation \`${escapeMrkdwn(truncate(escalation.conversationId, 100))}\` · ${escapeMrkdwn(truncate(customer, 100))}`,
    `Reason: ${escapeMrkdwn(truncate(reason, 300))}`,
    `Dead-letter entry \`events:${jobId}\`: replay it with \`npx handoff dlq retry events:${jobId}\` once the cause is fixed.`,
  ].join('\n');
  try {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }];
    await slackCall(() =>
      deps.slack.chat.postMessage({ channel: deps.channel, text, blocks, unfurl_links: false, unfurl_media: false }),
    );
    deps.logger.warn({ deliveryId, jobId }, 'posted a fallback card for a dead-lettered escalation');
  } catch (err) {
    deps.logger.error({ deliveryId, jobId, err: (err as Error).message }, 'could not post the fallback card');
  }
}

function escalatingEvent(
  adapter: PlatformAdapter,
  body: string,
  headers: unknown,
  rules: RuleConfig,
): PlatformEvent | undefined {
  try {
    const events = adapter.parse(JSON.parse(body), (headers ?? {}) as IncomingHttpHeaders);
    return events.find(
      (e) => e.kind === 'escalated' || (e.kind === 'rated' && isLowRating(e.rating, e.scale, rules)),
    );
  } catch {
    return undefined;
  }
}
