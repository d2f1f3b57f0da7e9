// Identifiers shared by the block builders (which emit them) and the Bolt handlers (which match
// them). Keeping them in one place means a renamed id can't silently orphan a handler.

/** action_id of every interactive element handoff renders. */
export const ActionId = {
  /** Card: claim the escalation (button, value = escalation id). */
  claim: 'handoff_claim',
  /** Card: give up a claim (button, value = escalation id). */
  release: 'handoff_release',
  /** Card: users_select; the escalation id travels in the block_id (selects carry no value). */
  assign: 'handoff_assign',
  /** Card: multi_static_select of the configured labels; escalation id in the block_id. */
  label: 'handoff_label',
  /** Card: resolve (button, value = escalation id). */
  resolve: 'handoff_resolve',
  /** Card: reopen a resolved escalation (button, value = escalation id). */
  reopen: 'handoff_reopen',
  /** Card: link button to the platform conversation. Slack still sends an action: ack it. */
  openLink: 'handoff_open_link',
  /** Card: link button to the Shopify customer. Ack only. */
  openShopify: 'handoff_open_shopify',
  /** Card: open the Reply modal (button, value = escalation id); only where the platform can send. */
  reply: 'handoff_reply',
  /** Reply modal: the text box. */
  replyText: 'handoff_reply_text',
  /** `/escalations` queue list: claim from the list (button, value = escalation id). */
  escalationsClaim: 'escalations_claim',
  /** `/order` result: post the ephemeral lookup to the channel. */
  orderShare: 'order_share',
} as const;

export type ActionIdValue = (typeof ActionId)[keyof typeof ActionId];

/** block_id prefixes. block_ids must be unique within one message, hence per-purpose names. */
export const BlockId = {
  header: 'handoff_header',
  summary: 'handoff_summary',
  message: 'handoff_message',
  shopify: 'handoff_shopify',
  orders: 'handoff_orders',
  transcript: 'handoff_transcript',
  triage: 'handoff_triage',
  status: 'handoff_status',
  /** The controls row; the full block_id is `handoff_actions:<escalation id>`. */
  actions: 'handoff_actions',
  resolved: 'handoff_resolved',
  /** One row per escalation in the `/escalations` list: `escalations_row:<escalation id>`. */
  escalationsRow: 'escalations_row',
  orderResult: 'order_result',
  /** Reply modal: the conversation's last lines, and the input. */
  replyContext: 'handoff_reply_context',
  replyInput: 'handoff_reply_input',
} as const;

/** callback_id of handoff's modals. */
export const CallbackId = {
  reply: 'handoff_reply_modal',
} as const;

const SEPARATOR = ':';

/**
 * A block_id that carries an escalation id, for elements (selects) whose payload has no `value`.
 * uuid (36) + prefix stays far below the 255-char block_id limit.
 */
export function blockIdWithEscalation(prefix: string, escalationId: string): string {
  return `${prefix}${SEPARATOR}${escalationId}`;
}

/** Inverse of blockIdWithEscalation; undefined when the block_id has a different prefix. */
export function escalationIdFromBlockId(prefix: string, blockId: string | undefined): string | undefined {
  if (!blockId?.startsWith(prefix + SEPARATOR)) return undefined;
  const id = blockId.slice(prefix.length + SEPARATOR.length);
  return id.length > 0 ? id : undefined;
}

/** Button values hold just the escalation id: small (Slack allows 2000) and never trusted beyond a lookup. */
export function escalationValue(escalationId: string): string {
  return escalationId;
}
