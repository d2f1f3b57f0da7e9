// The escalation card. Pure: the same stored Escalation row always renders the same message, so
// any process can re-render it after any change (chat.update) without remembering what it posted.
import type { ActionsBlockElement, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Escalation } from '../../db/client.js';
import { reasonInWords } from '../../escalations/reason.js';
import type { PlatformCapabilities } from '../../platforms/types.js';
import { ActionId, BlockId, blockIdWithEscalation, escalationValue } from '../ids.js';
import { runningClaimClock } from '../../sla/clock.js';
import type { SlaPolicy } from '../../sla/policy.js';
import { claimDueText } from './due.js';
import { button, context, fields, LIMITS, section } from './kit.js';
import { readShopify, readTranscript, readTriage } from './stored.js';
import { controls, openButton } from './card-controls.js';
import { SHOW } from './card-show.js';
import { shopifyBlocks } from './card-shopify.js';

import { escapeMrkdwn, formatDuration, humanize, isSlackUserId, mention, quote, slackDate, truncate, truncateMrkdwn, userText } from './text.js';

export { LIMITS };
export { orderLine } from './card-shopify.js';

export interface CardContext {
  /** Display name of the platform, e.g. "Oscar Chat". */
  platformName: string;
  /** What the platform mirrors; controls always show, the card says what is mirrored. */
  capabilities: PlatformCapabilities;
  /** The configured label picker options (ESCALATION_LABELS). */
  labels: string[];
  now?: Date;
  slaClaimMinutes?: number;
  /** The SLA definition: the card shows the claim deadline, and how overdue it is. */
  sla?: SlaPolicy;
}

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
}


const PRIORITY: Record<string, { emoji: string; label: string }> = {
  urgent: { emoji: '🔴', label: 'Urgent' },
  high: { emoji: '🟠', label: 'High' },
  normal: { emoji: '🟡', label: 'Normal' },
  low: { emoji: '⚪', label: 'Low' },
};

function priorityOf(p: string): { emoji: string; label: string } {
  return PRIORITY[p] ?? { emoji: '🟡', label: humanize(p) };
}

function customerLabel(esc: Escalation): string {
  return esc.customerName?.trim() || esc.customerEmail?.trim() || 'Unknown customer';
}

function headerBlock(esc: Escalation, ctx: CardContext): HeaderBlock {
  const p = priorityOf(esc.priority);
  const parts = [`${p.emoji} ${p.label}`, truncate(ctx.platformName, 60)];
  if (esc.vip) parts.push('⭐ VIP');
  // plain_text cannot mention or link, so no escaping here: it would show literally.
  return {
    type: 'header',
    block_id: BlockId.header,
    text: { type: 'plain_text', text: truncate(parts.join(' · '), LIMITS.header), emoji: true },
  };
}

function summaryBlock(esc: Escalation): SectionBlock {
  const who = [`*Customer*`, esc.customerName ? userText(esc.customerName, SHOW.name) : '_no name given_'];
  const contact = ['*Contact*'];
  if (esc.customerEmail)
    contact.push(userText(esc.customerEmail, SHOW.email) + (esc.customerEmailUnverified ? ' _(unverified: typed by the visitor)_' : ''));
  if (esc.customerPhone) contact.push(userText(esc.customerPhone, SHOW.phone));
  if (contact.length === 1) contact.push('_no email or phone_');
  const reason = esc.reason?.trim() ? userText(reasonInWords(esc.reason), SHOW.reason) : '_no reason given_';
  return section(BlockId.summary, `*Reason:* ${reason}`, { fields: fields([who.join('\n'), contact.join('\n')]) });
}

function lastMessageBlock(esc: Escalation): SectionBlock | undefined {
  const text = esc.lastMessage?.trim();
  if (!text) return undefined;
  return section(BlockId.message, `*Last customer message*\n${quote(text, SHOW.lastMessage)}`);
}

/** One order as a line: number (linked), date, total, payment and fulfillment status. */
const AUTHOR_LABEL: Record<string, string> = { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' };

function transcriptBlock(esc: Escalation): SectionBlock | undefined {
  const lines = readTranscript(esc.transcript);
  if (!lines.length) return undefined;
  const tail = lines.slice(-SHOW.transcriptLines);
  const title = lines.length > tail.length ? `*Transcript* (last ${tail.length} of ${lines.length})` : '*Transcript*';
  const body = tail.map(
    (l) => `>*${AUTHOR_LABEL[l.author] ?? 'System'}:* ${userText(l.text.replace(/\s+/g, ' ').trim(), SHOW.transcriptLine)}`,
  );
  return section(BlockId.transcript, [title, ...body].join('\n'));
}

function triageBlocks(esc: Escalation, labels: readonly string[]): KnownBlock[] {
  const { summary, suggestedLabels } = readTriage(esc.triage);
  if (!summary) return [];
  // Model output can echo customer text, so it is escaped like any other user content.
  const blocks: KnownBlock[] = [section(BlockId.triage, `:robot_face: *AI triage:* ${userText(summary, SHOW.triage)}`)];
  // Only labels still configured and not yet on the card; one click applies one.
  const open = suggestedLabels.filter((l) => labels.includes(l) && !esc.labels.includes(l));
  if (open.length && esc.status !== 'resolved') {
    blocks.push({
      type: 'actions',
      block_id: blockIdWithEscalation(BlockId.aiLabels, esc.id),
      elements: open.map((label, i) => ({
        type: 'button',
        action_id: `${ActionId.suggestedLabel}:${i}`,
        text: { type: 'plain_text', text: truncate(`+ ${label}`, 75) },
        value: label,
      })),
    });
  }
  return blocks;
}

function syncLine(esc: Escalation, ctx: CardContext): string | undefined {
  const platform = escapeMrkdwn(ctx.platformName);
  switch (esc.platformSyncState) {
    case 'missing':
      return `:warning: Assignment on ${platform} missing: no matching agent`;
    case 'failed':
      return `:x: ${platform} sync failed: ${userText(esc.platformSyncError || 'unknown error', SHOW.error)}`;
    case 'pending':
      return `:hourglass_flowing_sand: ${platform} sync pending`;
    case 'ok':
      return `:white_check_mark: In sync with ${platform}`;
    default:
      return undefined;
  }
}

function statusBlock(esc: Escalation, ctx: CardContext, now: Date): SectionBlock {
  const lines: string[] = [];
  if (esc.claimedBySlackId) {
    const after = esc.claimedAt ? ` after ${formatDuration(esc.claimedAt.getTime() - esc.firstEscalatedAt.getTime())}` : '';
    lines.push(`:raising_hand: Claimed by ${mention(esc.claimedBySlackId)}${after}`);
  } else {
    const waiting = now.getTime() - esc.firstEscalatedAt.getTime();
    let line = `:hourglass: *Unclaimed* for ${formatDuration(waiting)}`;
    const clock = ctx.sla && runningClaimClock(ctx.sla, esc, now);
    if (clock) line += ` · ${claimDueText(clock.dueAt, now)}`;
    else if (ctx.slaClaimMinutes && waiting > ctx.slaClaimMinutes * 60_000)
      line += ` · :rotating_light: past the ${ctx.slaClaimMinutes}m claim SLA`;
    lines.push(line);
  }
  if (esc.assigneeSlackId || esc.assigneeName) {
    const who = isSlackUserId(esc.assigneeSlackId)
      ? mention(esc.assigneeSlackId)
      : userText(esc.assigneeName ?? esc.assigneeSlackId ?? '', SHOW.name);
    lines.push(`:bust_in_silhouette: Assigned to ${who}`);
  }
  const sync = syncLine(esc, ctx);
  if (sync) lines.push(sync);
  return section(BlockId.status, lines.join('\n'));
}

function mirroredNote(ctx: CardContext): string {
  const caps = ctx.capabilities;
  const mirrored = [caps.assign && 'assignment', caps.label && 'labels', caps.resolve && 'status'].filter(Boolean);
  const platform = escapeMrkdwn(ctx.platformName);
  const state = mirrored.length ? `Mirrored to ${platform}: ${mirrored.join(', ')}` : `${platform} has no API: changes stay in handoff`;
  // Without a send API the customer can only be answered on the platform itself.
  return caps.send ? state : `${state} · Answer the customer in ${platform}`;
}

function metaBlock(esc: Escalation, ctx: CardContext): ContextBlock {
  const labels = esc.labels.length ? `:label: ${userText(esc.labels.join(', '), SHOW.tags)}` : ':label: _no labels_';
  const escalated = `Escalated ${slackDate(esc.firstEscalatedAt)}${esc.escalationCount > 1 ? ` · ${esc.escalationCount}× (last ${slackDate(esc.lastEscalatedAt)})` : ''}`;
  return context(BlockId.status + '_meta', [labels, escalated, mirroredNote(ctx)]);
}

function resolvedCard(esc: Escalation, ctx: CardContext): KnownBlock[] {
  const parts = [
    `✅ *Resolved*${esc.resolvedBy ? ` by ${mention(esc.resolvedBy)}` : ''}`,
    `${userText(customerLabel(esc), SHOW.name)} (${escapeMrkdwn(ctx.platformName)})`,
  ];
  if (esc.resolvedAt) parts.push(`resolved in ${formatDuration(esc.resolvedAt.getTime() - esc.firstEscalatedAt.getTime())}`);
  if (esc.labels.length) parts.push(`:label: ${userText(esc.labels.join(', '), SHOW.tags)}`);
  const elements: ActionsBlockElement[] = [button(ActionId.reopen, 'Reopen', { value: escalationValue(esc.id) })];
  const open = openButton(esc, ctx);
  if (open) elements.push(open);
  const blocks: KnownBlock[] = [section(BlockId.resolved, parts.join(' · '))];
  // A resolve (or the action before it) that hasn't reached the platform must not look done.
  const sync = esc.platformSyncState === 'pending' || esc.platformSyncState === 'failed' ? syncLine(esc, ctx) : undefined;
  if (sync) blocks.push(context(BlockId.status, [sync]));
  blocks.push({ type: 'actions', block_id: blockIdWithEscalation(BlockId.actions, esc.id), elements });
  return blocks;
}

function fallbackText(esc: Escalation, ctx: CardContext): string {
  const who = userText(customerLabel(esc), 60);
  const platform = escapeMrkdwn(truncate(ctx.platformName, 40));
  if (esc.status === 'resolved') return truncateMrkdwn(`✅ Resolved · ${platform} · ${who}`, LIMITS.fallbackText);
  const p = priorityOf(esc.priority);
  // No mentions here: text drives notifications, and `<@U>` in it would ping people.
  const state = esc.claimedBySlackId ? 'claimed' : 'unclaimed';
  const reason = esc.reason?.trim() ? `: ${userText(reasonInWords(esc.reason.replace(/\s+/g, ' ')), SHOW.fallbackReason)}` : '';
  return truncateMrkdwn(
    `${p.emoji} ${p.label}${esc.vip ? ' VIP' : ''} escalation · ${platform} · ${state} · ${who}${reason}`,
    LIMITS.fallbackText,
  );
}

/** Render the card for one stored escalation. */
export function buildEscalationCard(esc: Escalation, ctx: CardContext): SlackMessage {
  const text = fallbackText(esc, ctx);
  if (esc.status === 'resolved') return { text, blocks: resolvedCard(esc, ctx) };

  const now = ctx.now ?? new Date();
  const blocks: KnownBlock[] = [headerBlock(esc, ctx), summaryBlock(esc)];
  const optional = [
    lastMessageBlock(esc),
    ...shopifyBlocks(readShopify(esc.shopify), esc),
    transcriptBlock(esc),
    ...triageBlocks(esc, ctx.labels),
  ];
  for (const b of optional) if (b) blocks.push(b);
  blocks.push({ type: 'divider' }, statusBlock(esc, ctx, now), metaBlock(esc, ctx), controls(esc, ctx));

  // The layout above is at most a dozen blocks; this only guards future additions.
  if (blocks.length > LIMITS.messageBlocks) blocks.splice(LIMITS.messageBlocks - 1, blocks.length - LIMITS.messageBlocks);
  return { text, blocks };
}
