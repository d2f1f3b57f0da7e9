// The Reply modal with an AI draft (only when OPENAI_API_KEY is set). Reply waits a moment for the
// draft, then opens the modal with whatever it has (the trigger_id expires 3 s after the click);
// a draft that arrives later replaces the empty box through views.update, guarded by the view's
// hash so it never overwrites a newer state. "Draft again" asks for another. Nothing is sent
// until the agent presses Send; closing a drafted modal counts it as discarded.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { buildReplyModal, type ReplyModalInput, readReplyMetadata } from './blocks/reply-modal.js';
import type { CardPublisher } from './card-publisher.js';
import { ActionId, CallbackId } from './ids.js';

export interface ReplyDraft {
  id: string;
  text: string;
}

/** Implemented by the AI feature (src/ai/drafts.ts). Never rejects: no draft is `undefined`. */
export interface ReplyDrafts {
  draft(escalationId: string, opts?: { again?: boolean }): Promise<ReplyDraft | undefined>;
  outcome(draftId: string, sentText: string | null): Promise<void>;
}

/** How long Reply waits for a draft before opening the modal without it. */
export const DRAFT_WAIT_MS = 1500;
/** Lines of the conversation the modal shows. */
const MODAL_LINES = 6;

type BaseInput = Omit<ReplyModalInput, 'ai'>;

/** What the modal shows of an escalation (undefined when it is gone). */
export async function loadReplyModalInput(db: Db, cards: CardPublisher, escalationId: string, channelId?: string): Promise<BaseInput | undefined> {
  const esc = await db.escalation
    .findUnique({
      where: { id: escalationId },
      include: { messages: { where: { author: { not: 'note' } }, orderBy: { createdAt: 'desc' }, take: MODAL_LINES } },
    })
    .catch(() => null);
  if (!esc) return undefined;
  const lines = [...esc.messages].reverse().map((m) => ({ author: m.author, text: m.text }));
  if (!lines.length && esc.lastMessage) lines.push({ author: 'customer', text: esc.lastMessage });
  return {
    escalationId: esc.id,
    channelId: channelId ?? esc.slackChannel ?? undefined,
    customerName: esc.customerName ?? undefined,
    platformName: cards.platformName(esc.platform),
    lines,
  };
}

const LATE = Symbol('late');
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<typeof LATE>((r) => setTimeout(() => r(LATE), ms).unref())]);

const aiState = (d: ReplyDraft | undefined): ReplyModalInput['ai'] => (d ? { state: 'ready', draft: d } : { state: 'none' });

/** views.open for the Reply modal, with the draft when it is ready in time, else updated when it is. */
export async function openReplyModal(opts: {
  client: WebClient;
  triggerId: string;
  input: BaseInput;
  drafts?: ReplyDrafts;
  waitMs?: number;
  logger: Logger;
}): Promise<void> {
  const { client, input, drafts } = opts;
  if (!drafts) {
    await client.views.open({ trigger_id: opts.triggerId, view: buildReplyModal(input) });
    return;
  }
  const drafting = drafts.draft(input.escalationId);
  const early = await within(drafting, opts.waitMs ?? DRAFT_WAIT_MS);
  const ai = early === LATE ? ({ state: 'drafting' } as const) : aiState(early);
  const opened = await client.views.open({ trigger_id: opts.triggerId, view: buildReplyModal({ ...input, ai }) });
  if (early !== LATE) return;
  const draft = await drafting;
  const { id, hash } = opened.view ?? {};
  if (!id) return;
  await client.views
    .update({ view_id: id, ...(hash ? { hash } : {}), view: buildReplyModal({ ...input, ai: aiState(draft) }) })
    // Sent, closed or redrafted meanwhile: the modal has moved on, and that is fine.
    .catch((err: Error) => opts.logger.info({ escalationId: input.escalationId, err: err.message }, 'late draft not shown'));
}

/** Record what became of a draft (the weekly report counts it); a failure is logged, never thrown at Slack. */
export async function recordDraftOutcome(drafts: ReplyDrafts, draftId: string, sentText: string | null, logger: Logger): Promise<void> {
  await drafts
    .outcome(draftId, sentText)
    .catch((err: Error) => logger.warn({ draftId, err: err.message }, 'draft outcome not recorded; the weekly report will miss it'));
}

export function registerReplyDraftListeners(app: App, deps: { db: Db; cards: CardPublisher; drafts: ReplyDrafts; logger: Logger }): void {
  const { drafts, logger } = deps;

  app.action(ActionId.replyRedraft, async ({ ack, body, client }) => {
    await ack();
    const view = (body as { view?: { id?: string; hash?: string; private_metadata?: string } }).view;
    const meta = readReplyMetadata(view?.private_metadata);
    if (!view?.id || !meta) return;
    if (meta.draftId) await recordDraftOutcome(drafts, meta.draftId, null, logger);
    const input = await loadReplyModalInput(deps.db, deps.cards, meta.escalationId, meta.channelId);
    if (!input) return;
    try {
      const waiting = await client.views.update({
        view_id: view.id,
        ...(view.hash ? { hash: view.hash } : {}),
        view: buildReplyModal({ ...input, ai: { state: 'drafting' } }),
      });
      const draft = await drafts.draft(meta.escalationId, { again: true });
      const hash = waiting.view?.hash;
      await client.views.update({ view_id: view.id, ...(hash ? { hash } : {}), view: buildReplyModal({ ...input, ai: aiState(draft) }) });
    } catch (err) {
      logger.info({ escalationId: meta.escalationId, err: (err as Error).message }, 'redraft not shown');
    }
  });

  app.view({ callback_id: CallbackId.reply, type: 'view_closed' }, async ({ ack, view }) => {
    await ack();
    const meta = readReplyMetadata(view.private_metadata);
    if (meta?.draftId) await recordDraftOutcome(drafts, meta.draftId, null, logger);
  });
}
