// Bolt listeners for the conversation in Slack: the card's Reply button opens the modal (views.open
// with the trigger_id straight away: it expires in 3 s), the modal's Send is stored and queued
// before the ack, and an agent's message in a card's thread goes to the platform as a private note.
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from '@slack/bolt';
import type { SlackDirectory } from './people.js';
import { ephemeral } from './present/action-texts.js';
import { plainFromSlack } from '../conversation/slack-text.js';
import type { MessageSender } from '../conversation/send.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { PlatformApi, PlatformId } from '../platforms/types.js';
import { buildReplyModal, readReplyMetadata } from './blocks/reply-modal.js';
import type { CardPublisher } from './card-publisher.js';
import { ActionId, BlockId, CallbackId } from './ids.js';

/** How long the modal's Send may take to store and queue before Slack must get its ack. */
const SUBMIT_BUDGET_MS = 2000;
/** Lines of the conversation the modal shows. */
const MODAL_LINES = 6;
/** Message subtypes that are still a person writing in the thread. */
const WRITTEN = new Set([undefined, 'thread_broadcast', 'file_share']);

export interface ConversationListenerDeps {
  db: Db;
  sender: MessageSender;
  cards: CardPublisher;
  apis: Map<PlatformId, PlatformApi>;
  people: SlackDirectory;
  logger: Logger;
}

export function registerConversationListeners(app: App, deps: ConversationListenerDeps): void {
  const { db, logger } = deps;

  app.action(ActionId.reply, async ({ ack, body, client, respond }) => {
    await ack();
    const b = body as { trigger_id?: string; actions?: Array<{ value?: string }>; channel?: { id?: string } };
    const escalationId = b.actions?.[0]?.value;
    if (!b.trigger_id || !escalationId) return;
    // One indexed read, then views.open at once: nothing slow stands before it.
    const esc = await db.escalation
      .findUnique({
        where: { id: escalationId },
        include: { messages: { where: { author: { not: 'note' } }, orderBy: { createdAt: 'desc' }, take: MODAL_LINES } },
      })
      .catch(() => null);
    if (!esc) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: ephemeral.gone() }).catch(() => undefined);
      return;
    }
    const lines = [...esc.messages].reverse().map((m) => ({ author: m.author, text: m.text }));
    if (!lines.length && esc.lastMessage) lines.push({ author: 'customer', text: esc.lastMessage });
    const view = buildReplyModal({
      escalationId: esc.id,
      channelId: b.channel?.id ?? esc.slackChannel ?? undefined,
      customerName: esc.customerName ?? undefined,
      platformName: deps.cards.platformName(esc.platform),
      lines,
    });
    await client.views.open({ trigger_id: b.trigger_id, view }).catch(async (err: Error) => {
      logger.warn({ escalationId, err: err.message }, 'could not open the Reply modal');
      const text = ':warning: Slack would not open the Reply box (it may have taken too long); click Reply again.';
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    });
  });

  app.view(CallbackId.reply, async ({ ack, body, view }) => {
    const text = view.state.values[BlockId.replyInput]?.[ActionId.replyText]?.value?.trim();
    const meta = readReplyMetadata(view.private_metadata);
    if (!text || !meta) {
      await ack({ response_action: 'errors', errors: { [BlockId.replyInput]: 'Write a reply first.' } });
      return;
    }
    // The view id names this submission: submitting it again finds the same row, sends nothing new.
    const stored = deps.sender.submit({
      escalationId: meta.escalationId,
      kind: 'reply',
      text,
      slackUserId: body.user.id,
      requestKey: `reply:${view.id}`,
      ...(meta.channelId ? { channelId: meta.channelId } : {}),
    });
    // Slack waits 3 s for the ack; a store that takes longer is answered before it settles.
    const outcome = await Promise.race([
      stored.then(
        () => 'queued' as const,
        (err: Error) => {
          logger.error({ err: err.message }, 'could not queue a reply');
          return 'failed' as const;
        },
      ),
      sleep(SUBMIT_BUDGET_MS, 'slow' as const, { ref: false }),
    ]);
    if (outcome !== 'queued') {
      const message =
        outcome === 'slow'
          ? "handoff is slow to take this reply; it may still be sent. Check the card's thread before sending it again."
          : 'handoff could not queue this reply, so nothing was sent. Try again in a moment.';
      await ack({ response_action: 'errors', errors: { [BlockId.replyInput]: message } });
      return;
    }
    await ack();
  });

  app.event('message', async ({ event, context }) => {
    const e = event as {
      subtype?: string;
      user?: string;
      bot_id?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
    };
    if (!WRITTEN.has(e.subtype) || e.bot_id || !e.user || e.user === context.botUserId) return;
    if (!e.thread_ts || e.thread_ts === e.ts || !e.text?.trim()) return;
    const esc = await db.escalation.findFirst({ where: { slackChannel: e.channel, slackTs: e.thread_ts } });
    if (!esc || !deps.apis.get(esc.platform as PlatformId)?.note) return;
    const author = await deps.people.get(e.user).then(
      (p) => p.name,
      () => e.user as string,
    );
    const body = await plainFromSlack(e.text, (id) => deps.people.get(id).then((p) => p.name));
    await deps.sender.submit({
      escalationId: esc.id,
      kind: 'note',
      text: `${author} in Slack: ${body}`,
      slackUserId: e.user,
      requestKey: `note:${e.channel}:${e.ts}`,
      channelId: e.channel,
    });
    logger.info({ escalationId: esc.id }, 'thread message queued as a private note');
  });
}
