// A Slack block_actions payload -> the `slack.action` job. Pure and defensive: the payload is
// signed by Slack, but a stale card or a future payload shape must not crash the listener.
import type { ActionJobData, SlackAction } from '../actions/jobs.js';
import { requestKeyOf } from '../actions/keys.js';
import { BlockId, escalationIdFromBlockId } from './ids.js';

/** An escalation id (a uuid), as carried in button values and block ids. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function record(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The job for one clicked element, or undefined when the payload doesn't identify an escalation. */
export function toActionJob(action: SlackAction, body: unknown): ActionJobData | undefined {
  const b = record(body);
  const first = Array.isArray(b?.actions) ? record(b.actions[0]) : undefined;
  const userId = text(record(b?.user)?.id);
  const actionId = text(first?.action_id);
  const actionTs = text(first?.action_ts);
  if (!b || !first || !userId || !actionId || !actionTs) return undefined;

  // Buttons carry the id as their value; selects have no value, so the id rides in the block_id.
  const escalationId = text(first.value) ?? escalationIdFromBlockId(BlockId.actions, text(first.block_id));
  if (!escalationId || !UUID.test(escalationId)) return undefined;

  const job: ActionJobData = {
    action,
    escalationId,
    userId,
    requestKey: requestKeyOf(actionTs, userId, actionId),
  };
  const channelId = text(record(b.channel)?.id) ?? text(record(b.container)?.channel_id);
  if (channelId) job.channelId = channelId;
  const responseUrl = text(b.response_url);
  if (responseUrl) job.responseUrl = responseUrl;

  if (action === 'assign') {
    const assigneeId = text(first.selected_user);
    if (!assigneeId) return undefined; // the picker was cleared: nothing to do
    job.assigneeId = assigneeId;
  }
  if (action === 'label') {
    const options = Array.isArray(first.selected_options) ? first.selected_options : [];
    job.labels = options.map((o) => text(record(o)?.value)).filter((v): v is string => v !== undefined);
  }
  return job;
}
