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
import { readReplyMetadata, replyInputBlockId } from './blocks/reply-modal.js';
import type { CardPublisher } from './card-publisher.js';
import { ActionId, BlockId, CallbackId } from './ids.js';
import { loadReplyModalInput, openReplyModal, type ReplyDrafts, recordDraftOutcome, registerReplyDraftListeners } from './reply-drafting.js';

/** How long the modal's Send may take to store and queue before Slack must get its ack. */
const SUBMIT_BUDGET_MS = 2000;
/** Message subtypes that are still a person writing in the thread. */
const WRITTEN = new Set([undefined, 'thread_broadcast', 'file_share']);

export interface ConversationListenerDeps {
  db: Db;
  sender: MessageSender;
  cards: CardPublisher;
  apis: Map<PlatformId, PlatformApi>;
  people: SlackDirectory;
  logger: Logger;
  /** AI drafts for the Reply modal (only with OPENAI_API_KEY). */
  drafts?: ReplyDrafts;
  draftWaitMs?: number;
}

export function registerConversationListeners(app: App, deps: ConversationListenerDeps): void {
  const { db, logger } = deps;
  if (deps.drafts) registerReplyDraftListeners(app, { db, cards: deps.cards, drafts: deps.drafts, logger });

  app.action(ActionId.reply, async ({ ack, body, client, respond }) => {
    await ack();
    const b = body as { trigger_id?: string; actions?: Array<{ value?: string }>; channel?: { id?: string } };
    const escalationId = b.actions?.[0]?.value;
    if (!b.trigger_id || !escalationId) return;
    // One indexed read, then views.open (after at most DRAFT_WAIT_MS for an AI draft).
    const input = await loadReplyModalInput(db, deps.cards, escalationId, b.channel?.id);
    if (!input) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: ephemeral.gone() }).catch(() => undefined);
      return;
    }
    const opening = openReplyModal({ client, triggerId: b.trigger_id, input, drafts: deps.drafts, waitMs: deps.draftWaitMs, logger });
    await opening.catch(async (err: Error) => {
      logger.warn({ escalationId, err: err.message }, 'could not open the Reply modal');
      const text = ':warning: Slack would not open the Reply box (it may have taken too long); click Reply again.';
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => undefined);
    });
  });

  app.view(CallbackId.reply, async ({ ack, body, view }) => {
    const inputId = replyInputBlockId(view.state.values) ?? BlockId.replyInput;
    const text = view.state.values[inputId]?.[ActionId.replyText]?.value?.trim();
    const meta = readReplyMetadata(view.private_metadata);
    if (!text || !meta) {
      await ack({ response_action: 'errors', errors: { [inputId]: 'Write a reply first.' } });
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
      await ack({ response_action: 'errors', errors: { [inputId]: message } });
      return;
    }
    await ack();
    if (meta.draftId && deps.drafts) await recordDraftOutcome(deps.drafts, meta.draftId, text, logger);
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
