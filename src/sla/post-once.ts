// A Slack post that happens once even when the job posting it crashes between Slack's answer and
// our database write. Each post carries message metadata naming what it is; a retry that may have
// posted already (the reminder row was taken before) looks for that metadata first.
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { slackCall } from '../slack/client.js';

export interface OncePost {
  /** A channel id, or a user id for a DM. */
  channel: string;
  threadTs?: string;
  text: string;
  blocks?: KnownBlock[];
  eventType: string;
  key: string;
}

export async function postOnce(
  slack: WebClient,
  post: OncePost,
  opts: { lookFirst: boolean; since: Date },
): Promise<{ channel: string; ts: string }> {
  if (opts.lookFirst) {
    const found = await findPosted(slack, post, opts.since);
    if (found) return found;
  }
  const res = await slackCall(() =>
    slack.chat.postMessage({
      channel: post.channel,
      thread_ts: post.threadTs,
      text: post.text,
      blocks: post.blocks,
      unfurl_links: false,
      metadata: { event_type: post.eventType, event_payload: { key: post.key } },
    }),
  );
  return { channel: res.channel ?? post.channel, ts: res.ts as string };
}

async function findPosted(slack: WebClient, post: OncePost, since: Date): Promise<{ channel: string; ts: string } | undefined> {
  let channel = post.channel;
  if (/^[UW]/.test(channel)) {
    const opened = await slackCall(() => slack.conversations.open({ users: channel }));
    channel = opened.channel?.id ?? channel;
  }
  const oldest = String(Math.floor(since.getTime() / 1000) - 5);
  const res = post.threadTs
    ? await slackCall(() =>
        slack.conversations.replies({ channel, ts: post.threadTs as string, oldest, include_all_metadata: true, limit: 200 }),
      )
    : await slackCall(() => slack.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 }));
  const match = res.messages?.find(
    (m) => m.metadata?.event_type === post.eventType && (m.metadata?.event_payload as { key?: unknown } | undefined)?.key === post.key,
  );
  return match?.ts ? { channel, ts: match.ts } : undefined;
}
