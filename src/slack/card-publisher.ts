// Posts or updates an escalation's card, always re-rendered whole from the stored row.
// One card per conversation, even across crashes: a poster first takes a short lease on the row
// (slackPostStartedAt); a retry that finds an expired lease without a ts looks for the card in the
// channel (by its message metadata) before posting again.
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Db, Escalation } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PlatformAdapter, PlatformId } from '../platforms/types.js';
import type { SlaPolicy } from '../sla/policy.js';
import { NO_CAPABILITIES } from '../platforms/types.js';
import { buildEscalationCard } from './blocks/card.js';
import { classifySlackError, slackAnswered, slackCall, slackNeverReached } from './client.js';

export const CARD_EVENT_TYPE = 'handoff_escalation';

export interface CardPublisherOptions {
  channel: string;
  labels: string[];
  slaClaimMinutes: number;
  /** The SLA definition (src/sla/policy.ts): the card shows the claim deadline. */
  sla?: SlaPolicy;
  /** How long a poster may hold the lease before another job assumes it crashed. */
  postLeaseMs?: number;
}

export type CardListener = (esc: Escalation) => Promise<void>;

export class CardPublisher {
  private readonly leaseMs: number;
  /** Called after every publish (e.g. to refresh App Home views); failures are logged, never thrown. */
  private readonly listeners: CardListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly slack: WebClient,
    private readonly adapters: Map<PlatformId, PlatformAdapter>,
    private readonly options: CardPublisherOptions,
  ) {
    this.leaseMs = options.postLeaseMs ?? 60_000;
  }

  platformName(platform: string): string {
    return this.adapters.get(platform as PlatformId)?.displayName ?? platform;
  }

  render(esc: Escalation) {
    const adapter = this.adapters.get(esc.platform as PlatformId);
    return buildEscalationCard(esc, {
      platformName: adapter?.displayName ?? esc.platform,
      capabilities: adapter?.capabilities ?? NO_CAPABILITIES,
      labels: this.options.labels,
      slaClaimMinutes: this.options.slaClaimMinutes,
      sla: this.options.sla,
    });
  }

  onPublished(listener: CardListener): void {
    this.listeners.push(listener);
  }

  /** Make Slack show the stored state: post the card if it has none yet, else chat.update it. */
  async publish(escalationId: string, log?: Logger): Promise<Escalation> {
    let esc = await this.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    if (!esc.slackTs) esc = await this.postOnce(esc, log);
    else await this.update(esc);
    for (const listener of this.listeners) {
      await listener(esc).catch((err) => log?.warn({ err: (err as Error).message }, 'card listener failed'));
    }
    return esc;
  }

  /** A line in the card's thread (the action log). No-op if the card is not posted yet. */
  async threadReply(esc: Pick<Escalation, 'slackChannel' | 'slackTs'>, text: string, blocks?: KnownBlock[]): Promise<void> {
    if (!esc.slackChannel || !esc.slackTs) return;
    await slackCall(() =>
      this.slack.chat.postMessage({
        channel: esc.slackChannel as string,
        thread_ts: esc.slackTs as string,
        text,
        ...(blocks ? { blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  private async update(esc: Escalation): Promise<void> {
    const { text, blocks } = this.render(esc);
    await slackCall(() =>
      this.slack.chat.update({ channel: esc.slackChannel as string, ts: esc.slackTs as string, text, blocks }),
    );
  }

  private async postOnce(esc: Escalation, log?: Logger): Promise<Escalation> {
    const now = new Date();
    const leaseExpired = new Date(now.getTime() - this.leaseMs);
    // Take the lease only if nobody posted and nobody holds a live lease.
    const taken = await this.db.escalation.updateMany({
      where: {
        id: esc.id,
        slackTs: null,
        OR: [{ slackPostStartedAt: null }, { slackPostStartedAt: { lt: leaseExpired } }],
      },
      data: { slackPostStartedAt: now },
    });
    if (taken.count === 0) {
      const fresh = await this.db.escalation.findUniqueOrThrow({ where: { id: esc.id } });
      if (fresh.slackTs) {
        await this.update(fresh);
        return fresh;
      }
      // Another job is posting right now; come back after its lease.
      throw new RetryableError('card is being posted by another job', this.leaseMs);
    }

    const channel = this.options.channel;
    if (esc.slackPostStartedAt) {
      // A previous poster crashed or timed out after (maybe) posting: look before posting again.
      const found = await this.findPostedCard(channel, esc.id, esc.slackPostStartedAt);
      if (found) {
        log?.warn({ escalationId: esc.id }, 'recovered a card posted by a crashed job');
        const saved = await this.saveTs(esc.id, channel, found);
        await this.update(saved);
        return saved;
      }
    }

    const { text, blocks } = this.render(esc);
    let res: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
    try {
      res = await this.slack.chat.postMessage({
        channel,
        text,
        blocks,
        unfurl_links: false,
        metadata: { event_type: CARD_EVENT_TYPE, event_payload: { escalation_id: esc.id } },
      });
    } catch (err) {
      // Slack answered (429 or ok:false), or was never reached (connection refused, no DNS): nothing
      // was posted, so the next try may post at once and fails with Slack's own reason, not the lease.
      // A timeout or a reset mid-request is ambiguous, and keeps the lease for the lookup above.
      if (slackAnswered(err) || slackNeverReached(err)) await this.db.escalation.update({ where: { id: esc.id }, data: { slackPostStartedAt: null } });
      throw classifySlackError(err);
    }
    return this.saveTs(esc.id, res.channel ?? channel, res.ts as string);
  }

  private saveTs(id: string, channel: string, ts: string): Promise<Escalation> {
    return this.db.escalation.update({ where: { id }, data: { slackChannel: channel, slackTs: ts } });
  }

  /** The card, if a crashed poster did post it: recent channel history, matched on message metadata. */
  private async findPostedCard(channel: string, escalationId: string, since: Date): Promise<string | undefined> {
    const oldest = String(Math.floor(since.getTime() / 1000) - 5);
    const history = await slackCall(() =>
      this.slack.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 }),
    );
    const match = history.messages?.find(
      (m) =>
        m.metadata?.event_type === CARD_EVENT_TYPE &&
        (m.metadata?.event_payload as { escalation_id?: string } | undefined)?.escalation_id === escalationId,
    );
    return match?.ts;
  }
}
