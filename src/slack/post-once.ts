// Posting a message at most once when the poster can crash. The caller holds a lease in its own
// table (an escalation's slackPostStartedAt, a report run's startedAt); this module does the Slack
// half the card publisher and the weekly report share:
//   - after taking over an expired lease, look for the message in recent channel history by its
//     metadata (a crashed poster may have posted it) before posting again;
//   - post with that metadata; if Slack answered (429, ok:false) or was never reached, nothing was
//     posted, so the caller releases its lease at once, while a timeout keeps the lease for the
//     lookup above.
// The SLA reminders (src/sla/send.ts) use it too, for thread replies and DMs: their lease is the
// reminder row itself, so they pass no release.
// The caller may run the post under its pace (`pace`); a PacedError from it means nothing was sent.
import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { PacedError } from '../errors.js';
import { classifySlackError, slackAnswered, slackCall, slackNeverReached } from './client.js';

export interface PostOnceInput {
  slack: WebClient;
  /** A channel id, or a user id for a DM. */
  channel: string;
  /** Reply in this thread (then the lookup reads the thread's replies). */
  threadTs?: string;
  /** The message metadata that identifies it, e.g. { event_type: 'handoff_escalation', event_payload: { escalation_id } }. */
  metadata: { event_type: string; event_payload: Record<string, string> };
  /** Set when taking over from an earlier poster: when its lease started (where to look from). */
  previousLeaseAt?: Date | null;
  /** Text and blocks, built only when a post is needed. */
  message: () => { text: string; blocks?: KnownBlock[] };
  /** Slack answered without posting: give the lease back so the next try posts at once. */
  release?: () => Promise<unknown>;
  /** Runs the chat.postMessage call under the caller's Slack pace (see paced-calls.ts). */
  pace?: <T>(call: () => Promise<T>) => Promise<T>;
}

export type PostOnceResult = { ts: string; channel: string; recovered: boolean };

export async function postOnce(input: PostOnceInput): Promise<PostOnceResult> {
  const { slack, channel, metadata } = input;
  if (input.previousLeaseAt) {
    const found = await findByMetadata(slack, channel, metadata, input.previousLeaseAt, input.threadTs);
    if (found) return { ts: found, channel, recovered: true };
  }
  let res: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
  const post = () =>
    slack.chat.postMessage({
      channel,
      thread_ts: input.threadTs,
      unfurl_links: false,
      metadata,
      ...input.message(),
    } as ChatPostMessageArguments);
  try {
    res = await (input.pace ? input.pace(post) : post());
  } catch (err) {
    // Not sent (no pace slot), Slack answered (429, ok:false) or was never reached (connection
    // refused, no DNS): nothing was posted. A timeout or a reset mid-request is ambiguous and keeps
    // the lease.
    if (err instanceof PacedError || slackAnswered(err) || slackNeverReached(err)) await input.release?.();
    if (err instanceof PacedError) throw err;
    throw classifySlackError(err);
  }
  return { ts: res.ts as string, channel: res.channel ?? channel, recovered: false };
}

/**
 * A message posted since `since` (5 s of clock slack) whose metadata matches type and payload: in
 * the channel's history, a thread's replies, or (for a user id) the bot's DM with that user.
 */
export async function findByMetadata(
  slack: WebClient,
  to: string,
  metadata: PostOnceInput['metadata'],
  since: Date,
  threadTs?: string,
): Promise<string | undefined> {
  const channel = /^[UW]/.test(to) ? ((await slackCall(() => slack.conversations.open({ users: to }))).channel?.id ?? to) : to;
  const oldest = String(Math.floor(since.getTime() / 1000) - 5);
  const history = threadTs
    ? await slackCall(() => slack.conversations.replies({ channel, ts: threadTs, oldest, include_all_metadata: true, limit: 200 }))
    : await slackCall(() => slack.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 }));
  const wanted = Object.entries(metadata.event_payload);
  return history.messages?.find((m) => {
    if (m.metadata?.event_type !== metadata.event_type) return false;
    const payload = (m.metadata?.event_payload ?? {}) as Record<string, unknown>;
    return wanted.every(([k, v]) => payload[k] === v);
  })?.ts;
}
