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
  await postFallback(deps, { platformName: name, conversationId: escalation.conversationId, customer, reason, entry: `events:${jobId}` });
}

/** The card lane gave up on an escalation's card: if it never reached Slack, post the fallback. */
export async function deadLetterCard(deps: FallbackDeps, escalationId: string, jobId: string, reason: string): Promise<void> {
  const esc = await deps.db.escalation.findUnique({ where: { id: escalationId } });
  if (!esc || esc.slackTs) return; // on Slack already: only an update was lost, the next one repairs it
  await postFallback(deps, {
    platformName: platformName(esc.platform),
    conversationId: esc.conversationId,
    customer: esc.customerName ?? 'unknown customer',
    reason,
    entry: `slack:${jobId}`,
  });
}

async function postFallback(
  deps: FallbackDeps,
  f: { platformName: string; conversationId: string; customer: string; reason: string; entry: string },
): Promise<void> {
  const text = [
    `:warning: *An escalation from ${escapeMrkdwn(f.platformName)} could not be processed* — please pick it up on the platform.`,
    `Conversation \`${escapeMrkdwn(truncate(f.conversationId, 100))}\` · ${escapeMrkdwn(truncate(f.customer, 100))}`,
    `Reason: ${escapeMrkdwn(truncate(f.reason, 300))}`,
    `Dead-letter entry \`${f.entry}\`: replay it with \`npx handoff dlq retry ${f.entry}\` once the cause is fixed.`,
  ].join('\n');
  try {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }];
    await slackCall(() =>
      deps.slack.chat.postMessage({ channel: deps.channel, text, blocks, unfurl_links: false, unfurl_media: false }),
    );
    deps.logger.warn({ entry: f.entry }, 'posted a fallback card for a dead-lettered escalation');
  } catch (err) {
    deps.logger.error({ entry: f.entry, err: (err as Error).message }, 'could not post the fallback card');
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
