// Identities of a click: its request key (the same for Slack's retries of one interaction) and the
// BullMQ job ids derived from it, so one click maps to one job however often it arrives.
import { createHash } from 'node:crypto';

/**
 * The click's identity: one value per user interaction, identical when Slack retries the same
 * request. action_ts is per interaction; user and action id make it unique across elements.
 */
export function requestKeyOf(actionTs: string, userId: string, actionId: string): string {
  return `${actionTs}:${userId}:${actionId}`;
}

/** BullMQ job ids can't contain ':'; a hash keeps them short and maps one click to one job. */
export function jobIdFor(prefix: 'act' | 'sync' | 'send', requestKey: string): string {
  return `${prefix}-${createHash('sha256').update(requestKey).digest('hex').slice(0, 40)}`;
}
