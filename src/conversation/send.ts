// Sends what agents write in Slack to the platform, once: a Reply to the customer (public) or a
// thread message as a private note. The row is written before any call, keyed by the Slack
// submission, so a double submit or a retried job finds it and sends nothing twice. A failed
// call is reported to the writer; an unanswered one (timeout, 5xx, dropped connection) may have
// landed, so the next attempt first looks at the conversation on the platform.
import type { Job } from 'bullmq';
import type { ConversationMessage, Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import { PermanentError, RetryableError } from '../errors.js';
import { expectEcho, forgetEcho, messageEchoValue } from '../escalations/echoes.js';
import type { Feedback } from '../slack/feedback.js';
import { jobIdFor } from '../actions/keys.js';
import type { Logger } from '../logger.js';
import type { PlatformApi, PlatformId, SentMessage } from '../platforms/types.js';
import type { Producer } from '../queue/producer.js';
import { recordAgentReply } from '../sla/replies.js';
import { conversationEphemeral, conversationLine } from '../slack/blocks/conversation.js';
import type { CardPublisher } from '../slack/card-publisher.js';

export type OutgoingKind = 'reply' | 'note';

/** BullMQ priority of work that follows from a send (lower runs first; none at all runs before any). */
export const FOLLOW_UP_PRIORITY = 5;

export interface Submission {
  escalationId: string;
  kind: OutgoingKind;
  /** Exactly what the platform receives. */
  text: string;
  slackUserId: string;
  /** The Slack submission (modal view id, thread message ts): one row, one send per key. */
  requestKey: string;
  /** Where to tell the writer if it fails (else by DM). */
  channelId?: string;
}

/**
 * An attempt older than this that never finished is taken to have died: longer than the HTTP
 * timeout plus the longest wait for the platform's request budget.
 */
const SEND_LEASE_MS = 60_000;

export interface MessageSenderDeps {
  db: Db;
  producer: Producer;
  apis: Map<PlatformId, PlatformApi>;
  cards: CardPublisher;
  feedback: Feedback;
}

export class MessageSender {
  constructor(private readonly deps: MessageSenderDeps) {}

  /** Store the message (or find it: the same submission again) and queue its send. */
  async submit(s: Submission): Promise<ConversationMessage> {
    const { db } = this.deps;
    let row: ConversationMessage;
    try {
      row = await db.conversationMessage.create({
        data: {
          escalationId: s.escalationId,
          direction: 'out',
          author: s.kind,
          text: s.text,
          slackUserId: s.slackUserId,
          requestKey: s.requestKey,
        },
      });
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      row = await db.conversationMessage.findUniqueOrThrow({ where: { requestKey: s.requestKey } });
    }
    // Same row, same job id: a repeat of the submission cannot queue a second send.
    if (row.status !== 'sent' && row.status !== 'failed') {
      const data = { messageId: row.id, ...(s.channelId ? { channelId: s.channelId } : {}) };
      await this.deps.producer.enqueue('conversation.send', data, { jobId: jobIdFor('send', row.id) });
    }
    return row;
  }

  /** The `conversation.send` job. */
  async send(data: { messageId: string; channelId?: string }, job: Job | undefined, log: Logger): Promise<string> {
    const { db } = this.deps;
    const msg = await db.conversationMessage.findUnique({ where: { id: data.messageId }, include: { escalation: true } });
    if (!msg) return 'missing';
    const esc = msg.escalation;
    if (msg.status === 'sent') {
      await this.announce(msg, esc, data.channelId, log);
      return 'already sent';
    }
    if (msg.status === 'failed') return 'failed before';
    const kind = msg.author as OutgoingKind;
    const api = this.deps.apis.get(esc.platform as PlatformId);
    const call = kind === 'reply' ? api?.sendMessage : api?.note;
    if (!api || !call) {
      await this.fail(msg, esc, data.channelId, `${this.deps.cards.platformName(esc.platform)} cannot take this message`, log);
      return 'unsupported';
    }
    if (msg.status === 'sending' && Date.now() - msg.updatedAt.getTime() < SEND_LEASE_MS) {
      throw new RetryableError('another attempt is sending this message', SEND_LEASE_MS);
    }
    // Take the row for this attempt; anything but a fresh row may already have reached the platform.
    const taken = await db.conversationMessage.updateMany({
      where: { id: msg.id, status: msg.status, updatedAt: msg.updatedAt },
      data: { status: 'sending' },
    });
    if (taken.count === 0) throw new RetryableError('message changed during the attempt');
    if (msg.status !== 'pending') {
      const landed = await this.findLanded(api, msg, esc);
      if (landed) return this.sent(msg, esc, landed, data.channelId, log, 'found on the platform');
    }

    const echo = await expectEcho(db, esc.id, 'message', messageEchoValue(msg.text));
    let sent: SentMessage | undefined;
    try {
      sent = await call(esc.conversationId, msg.text);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (error instanceof PermanentError) {
        // The platform answered and refused: nothing was sent, and no echo will come.
        await forgetEcho(db, echo);
        await this.fail(msg, esc, data.channelId, error.message, log);
        return 'refused by the platform';
      }
      await db.conversationMessage.update({ where: { id: msg.id }, data: { status: 'uncertain', error: error.message.slice(0, 400) } });
      const last = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (last) {
        await this.deps.feedback.ephemeral(
          { userId: msg.slackUserId ?? '', channelId: data.channelId },
          conversationEphemeral.uncertain(this.deps.cards.platformName(esc.platform), msg.text),
          log,
        );
      }
      throw error;
    }
    return this.sent(msg, esc, sent ?? {}, data.channelId, log, 'sent');
  }

  private async sent(
    msg: ConversationMessage,
    esc: Escalation,
    sent: SentMessage,
    channelId: string | undefined,
    log: Logger,
    outcome: string,
  ): Promise<string> {
    await this.deps.db.conversationMessage.update({
      where: { id: msg.id },
      data: { status: 'sent', platformMessageId: sent.id ?? null, error: null },
    });
    log.info({ escalationId: esc.id, kind: msg.author, outcome }, 'message sent to the platform');
    // The customer has an answer: the first-reply clock (service levels) stops.
    if (msg.author === 'reply') await recordAgentReply(this.deps.db, esc.id, new Date());
    await this.announce(msg, esc, channelId, log);
    return outcome;
  }

  /** A sent reply: its line in the thread (once), and a claim for the replier if nobody has it. */
  private async announce(msg: ConversationMessage, esc: Escalation, channelId: string | undefined, log: Logger): Promise<void> {
    if (msg.announcedAt || msg.author !== 'reply' || !msg.slackUserId) return;
    await this.deps.cards.threadReply(esc, conversationLine.replied(msg.slackUserId, msg.text));
    await this.deps.db.conversationMessage.update({ where: { id: msg.id }, data: { announcedAt: new Date() } });
    const now = await this.deps.db.escalation.findUnique({ where: { id: esc.id } });
    if (now && !now.claimedBySlackId && now.status !== 'resolved') {
      // Through the card's own Claim: same thread line, platform assignment and card update.
      const requestKey = `reply-claim:${msg.id}`;
      await this.deps.producer.enqueue(
        'slack.action',
        { action: 'claim', escalationId: esc.id, userId: msg.slackUserId, requestKey, ...(channelId ? { channelId } : {}) },
        // Behind people's own clicks and sends (jobs without a priority run first).
        { jobId: jobIdFor('act', requestKey), priority: FOLLOW_UP_PRIORITY },
      );
      log.info({ escalationId: esc.id }, 'reply claims the unclaimed escalation');
    }
  }

  private async fail(msg: ConversationMessage, esc: Escalation, channelId: string | undefined, reason: string, log: Logger) {
    await this.deps.db.conversationMessage.update({ where: { id: msg.id }, data: { status: 'failed', error: reason.slice(0, 400) } });
    log.warn({ escalationId: esc.id, kind: msg.author, err: reason }, 'message not sent to the platform');
    const platformName = this.deps.cards.platformName(esc.platform);
    await this.deps.feedback.ephemeral(
      { userId: msg.slackUserId ?? '', channelId },
      conversationEphemeral.notSent(msg.author as OutgoingKind, platformName, reason, msg.text),
      log,
    );
  }

  /** An earlier unanswered attempt that did land: the same text, not yet claimed by another row. */
  private async findLanded(api: PlatformApi, msg: ConversationMessage, esc: Escalation): Promise<SentMessage | undefined> {
    if (!api.recentMessages) return undefined;
    const wantPrivate = msg.author === 'note';
    const candidates = (await api.recentMessages(esc.conversationId)).filter(
      (m) => m.content.trim() === msg.text.trim() && m.private === wantPrivate,
    );
    if (!candidates.length) return undefined;
    const known = await this.deps.db.conversationMessage.findMany({
      where: { escalationId: esc.id, direction: 'out', platformMessageId: { in: candidates.flatMap((c) => (c.id ? [c.id] : [])) } },
      select: { platformMessageId: true },
    });
    const taken = new Set(known.map((k) => k.platformMessageId));
    const free = candidates.find((c) => !c.id || !taken.has(c.id));
    return free ? { id: free.id } : undefined;
  }
}
