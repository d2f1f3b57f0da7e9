// The card lane: every post or update of an escalation card is a `card.render` job in the `slack`
// queue, so Slack's per-channel pace is kept in one place and a backlog drains in priority order.
import { z } from 'zod';
import { retrying } from '../queue/options.js';

/**
 * BullMQ priorities (lower runs first; equal priorities run in arrival order). What a person is
 * waiting for goes first.
 */
export const CARD_LANE = {
  /** The card after an agent's click (claim, assign, resolve...). */
  click: 1,
  /** A new or re-escalated card that is urgent or VIP. */
  urgent: 2,
  /** Other new cards and platform-side changes (assigned, resolved), in arrival order. */
  normal: 3,
  /** Cosmetic refreshes: AI triage, the latest customer message. */
  cosmetic: 4,
} as const;
export type CardLane = keyof typeof CARD_LANE;

/** During a backlog, urgent and VIP cards go out before the rest. */
export function laneForNewCard(esc: { priority: string; vip: boolean }): CardLane {
  return esc.priority === 'urgent' || esc.vip ? 'urgent' : 'normal';
}

export const cardJobs = {
  /**
   * Make the card show the stored escalation: chat.postMessage the first time, chat.update after.
   * Queued with a deduplication id per escalation (`keepLastIfActive`), so renders that pile up
   * during a backlog become one call showing the latest state.
   */
  'card.render': {
    queue: 'slack',
    schema: z.object({ escalationId: z.string().uuid() }),
    options: retrying(10),
  },
} as const;
