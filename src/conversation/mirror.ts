// Mirrors what the platform reports in a conversation into the card's thread. Each message is
// stored at once (the card's "last customer message" with it); a delayed job per escalation,
// deduplicated in BullMQ, posts everything pending as one thread reply after a short window, so a
// customer typing five lines in a row makes one post, not five (Slack asks for about one message
// per second per channel). The echo of a message handoff itself sent is recognised and dropped.
import { randomUUID } from 'node:crypto';
import type { Db, Escalation } from '../db/client.js';
import { Prisma } from '../db/client.js';
import { RetryableError } from '../errors.js';
import { consumeEcho, messageEchoValue } from '../escalations/echoes.js';
import type { Logger } from '../logger.js';
import type { MessageEvent } from '../platforms/types.js';
import type { Producer } from '../queue/producer.js';
import { mirroredPost } from '../slack/blocks/conversation.js';
import { FOLLOW_UP_PRIORITY } from './send.js';
import type { CardPublisher } from '../slack/card-publisher.js';

/** How long a batch collects messages before it is posted. */
export const MIRROR_WINDOW_MS = 3000;
/** Messages per post; a longer backlog is posted in several (the job queues itself again). */
const BATCH = 20;

export interface ConversationMirrorDeps {
  db: Db;
  producer: Producer;
  cards: CardPublisher;
  windowMs?: number;
}

export type MirrorOutcome = 'echo' | 'ignored' | 'recorded';

export class ConversationMirror {
  constructor(private readonly deps: ConversationMirrorDeps) {}

  /**
   * A message the platform reported on an escalated conversation. `eventKey` names the delivery
   * event, so a retried delivery stores it once.
   */
  async record(esc: Escalation, event: MessageEvent, eventKey: string | undefined, log: Logger): Promise<MirrorOutcome> {
    const { db } = this.deps;
    if (event.author === 'agent' || event.author === 'system') {
      // handoff's own reply or note coming back as a webhook.
      if (await consumeEcho(db, esc.id, 'message', messageEchoValue(event.text))) {
        log.info({ escalationId: esc.id }, 'echo of a message handoff sent; not mirrored');
        return 'echo';
      }
    }
    // Activity lines (status changes, notes) are the platform's log, not the conversation.
    if (event.author === 'system' || esc.status === 'resolved') return 'ignored';
    try {
      await db.conversationMessage.create({
        data: {
          escalationId: esc.id,
          direction: 'in',
          author: event.author,
          text: event.text,
          requestKey: `in:${eventKey ?? randomUUID()}`,
        },
      });
    } catch (err) {
      // The same delivery again: stored already; make sure its post is queued below.
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
    }
    await this.schedule(esc.id);
    return 'recorded';
  }

  /** One delayed job per escalation at a time; one more is kept if messages arrive while it runs. */
  private async schedule(escalationId: string): Promise<void> {
    const windowMs = this.deps.windowMs ?? MIRROR_WINDOW_MS;
    await this.deps.producer.enqueue(
      'conversation.mirror',
      { escalationId },
      {
        delay: windowMs,
        deduplication: { id: `mirror-${escalationId}`, keepLastIfActive: true },
        removeOnComplete: true,
        // Background work: people's clicks and sends on the same queue go first.
        priority: FOLLOW_UP_PRIORITY,
      },
    );
  }

  /** The `conversation.mirror` job: post what is pending as one thread reply, then mark it posted. */
  async flush(escalationId: string, log: Logger): Promise<string> {
    const { db, cards } = this.deps;
    const pending = await db.conversationMessage.findMany({
      where: { escalationId, direction: 'in', status: 'pending' },
      orderBy: { createdAt: 'asc' },
      take: BATCH + 1,
    });
    if (!pending.length) return 'nothing pending';
    const batch = pending.slice(0, BATCH);
    const esc = await db.escalation.findUnique({ where: { id: escalationId } });
    if (!esc) return 'escalation gone';
    // The card is posted by the escalation's own job; the thread waits for it.
    if (!esc.slackTs) throw new RetryableError('card not posted yet; mirroring waits for it');
    // One re-render per batch keeps the card's "last customer message" current.
    const published = await cards.publish(esc.id, log);
    const post = mirroredPost(batch, esc.customerName ?? undefined, cards.platformName(esc.platform));
    await cards.threadReply(published, post.text, post.blocks);
    await db.conversationMessage.updateMany({ where: { id: { in: batch.map((m) => m.id) } }, data: { status: 'posted' } });
    if (pending.length > BATCH) await this.schedule(escalationId);
    log.info({ escalationId, messages: batch.length }, 'conversation mirrored to the thread');
    return `posted ${batch.length}`;
  }
}
