// Posts or updates an escalation's card, always re-rendered whole from the stored row.
// One card per conversation, even across crashes: a poster first takes a short lease on the row
// (slackPostStartedAt); a retry that finds an expired lease without a ts looks for the card in the
// channel (by its message metadata) before posting again.
// Callers ask for a render (`request`); the card lane's job (`card.render`) does the Slack calls,
// paced per channel (paced-calls.ts), so a burst becomes a queue instead of a storm of 429s.
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Db, Escalation } from '../db/client.js';
import { RetryableError } from '../errors.js';
import type { Logger } from '../logger.js';
import { platformName } from '../platforms/list.js';
import type { PlatformAdapter, PlatformId } from '../platforms/types.js';
import type { SlaPolicy } from '../sla/policy.js';
import { NO_CAPABILITIES } from '../platforms/types.js';
import { buildEscalationCard } from './blocks/card.js';
import { type CardLane, laneForNewCard } from './card-jobs.js';
import type { CardRenders } from './card-renders.js';
import { SLACK_CALL_TIMEOUT_MS, slackCall } from './client.js';
import type { PacedCalls, PacedMethod } from './paced-calls.js';
import { postOnce } from './post-once.js';

export const CARD_EVENT_TYPE = 'handoff_escalation';

export interface CardPublisherOptions {
  channel: string;
  labels: string[];
  slaClaimMinutes: number;
  /** The SLA definition (src/sla/policy.ts): the card shows the claim deadline. */
  sla?: SlaPolicy;
  /** How long a poster may hold the lease before another job assumes it crashed. */
  postLeaseMs?: number;
  /** Shared Slack budgets; without them calls go out unpaced (one-off tools). */
  pace?: PacedCalls;
  /** The card lane; without it `request` renders at once. */
  renders?: CardRenders;
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
    // Twice the Slack call timeout: a live poster has posted or given up by then, so a job that
    // finds an older lease (its poster died mid-call) may look for the card and take over. Longer
    // only delays a card whose worker was killed; shorter could let two jobs post.
    this.leaseMs = options.postLeaseMs ?? 2 * SLACK_CALL_TIMEOUT_MS;
  }

  /** The platform's one display name (from its module), for thread lines and messages. */
  platformName(platform: string): string {
    return platformName(platform);
  }

  render(esc: Escalation) {
    const adapter = this.adapters.get(esc.platform as PlatformId);
    return buildEscalationCard(esc, {
      platformName: platformName(esc.platform),
      capabilities: adapter?.capabilities ?? NO_CAPABILITIES,
      labels: this.options.labels,
      slaClaimMinutes: this.options.slaClaimMinutes,
      sla: this.options.sla,
    });
  }

  onPublished(listener: CardListener): void {
    this.listeners.push(listener);
  }

  /**
   * Ask for the card to show the stored state, at the priority of `lane` ('new': a new or
   * re-escalated card, urgent/VIP before the rest); returns the stored row (with the card's ts if
   * it is already posted). Renders that pile up merge into one.
   */
  async request(escalationId: string, lane: CardLane | 'new', log?: Logger): Promise<Escalation> {
    if (!this.options.renders) return this.publish(escalationId, log);
    const esc = await this.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    await this.options.renders.request(escalationId, lane === 'new' ? laneForNewCard(esc) : lane);
    return esc;
  }

  /**
   * Make Slack show the stored state: post the card if it has none yet, else chat.update it.
   * `inLane`: called by the card lane's job, which waits for Slack's pace as a queue (PacedError).
   */
  async publish(escalationId: string, log?: Logger, inLane = false): Promise<Escalation> {
    let esc = await this.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    if (!esc.slackTs) esc = await this.postOnce(esc, inLane, log);
    else await this.update(esc, inLane);
    for (const listener of this.listeners) {
      await listener(esc).catch((err) => log?.warn({ err: (err as Error).message }, 'card listener failed'));
    }
    return esc;
  }

  /** A line in the card's thread (the action log). No-op if the card is not posted yet. */
  async threadReply(esc: Pick<Escalation, 'slackChannel' | 'slackTs'>, text: string, blocks?: KnownBlock[]): Promise<void> {
    if (!esc.slackChannel || !esc.slackTs) return;
    const channel = esc.slackChannel;
    const thread_ts = esc.slackTs;
    // Thread lines count against the channel's postMessage pace, like cards.
    await slackCall(() =>
      this.paced('chat.postMessage', channel, false, () =>
        this.slack.chat.postMessage({
          channel,
          thread_ts,
          text,
          ...(blocks ? { blocks } : {}),
          unfurl_links: false,
          unfurl_media: false,
        }),
      ),
    );
  }

  /** Another feature's chat.postMessage (an SLA reminder, a DM) under its channel's pace; waits for a slot. */
  pacePost<T>(channel: string, call: () => Promise<T>): Promise<T> {
    return this.paced('chat.postMessage', channel, false, call);
  }

  private paced<T>(method: PacedMethod, channel: string, inLane: boolean, call: () => Promise<T>): Promise<T> {
    return this.options.pace ? this.options.pace.run(method, channel, inLane, call) : call();
  }

  private async update(esc: Escalation, inLane: boolean): Promise<void> {
    const { text, blocks } = this.render(esc);
    const channel = esc.slackChannel as string;
    await slackCall(() =>
      this.paced('chat.update', channel, inLane, () =>
        this.slack.chat.update({ channel, ts: esc.slackTs as string, text, blocks }),
      ),
    );
  }

  private async postOnce(esc: Escalation, inLane: boolean, log?: Logger): Promise<Escalation> {
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
        await this.update(fresh, inLane);
        return fresh;
      }
      // Another job is posting right now; come back after its lease.
      throw new RetryableError('card is being posted by another job', this.leaseMs);
    }

    const posted = await postOnce({
      slack: this.slack,
      channel: this.options.channel,
      metadata: { event_type: CARD_EVENT_TYPE, event_payload: { escalation_id: esc.id } },
      // A previous poster crashed or timed out after (maybe) posting: look before posting again.
      previousLeaseAt: esc.slackPostStartedAt,
      message: () => this.render(esc),
      release: () => this.db.escalation.update({ where: { id: esc.id }, data: { slackPostStartedAt: null } }),
      pace: (call) => this.paced('chat.postMessage', this.options.channel, inLane, call),
    });
    const saved = await this.saveTs(esc.id, posted.channel, posted.ts);
    if (posted.recovered) {
      log?.warn({ escalationId: esc.id }, 'recovered a card posted by a crashed job');
      await this.update(saved, inLane);
    }
    return saved;
  }

  private saveTs(id: string, channel: string, ts: string): Promise<Escalation> {
    return this.db.escalation.update({ where: { id }, data: { slackChannel: channel, slackTs: ts } });
  }
}
