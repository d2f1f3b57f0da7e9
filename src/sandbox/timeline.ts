// What one person sees in a channel, as Slack would show it, from the Slack stand-in's records:
// the messages and their threads, the ephemeral messages meant for them (chat.postEphemeral, a
// command's immediate answer, response_url posts), with response_url's replace_original and
// delete_original applied to the message the click came from.
import type { FakeSlack, FakeSlackResponse } from '../../test/fakes/slack.js';

export interface Item {
  /** Stable id the page sends back with a click: m:<ts> message, e:<ts> ephemeral, r:<n> response, a:<n> ack. */
  key: string;
  kind: 'message' | 'ephemeral';
  /** Milliseconds since the epoch, for ordering and display. */
  at: number;
  text?: string;
  blocks?: unknown[];
  files?: string[];
  /** chat.update (or replace_original) touched it. */
  edited?: boolean;
  replies?: Item[];
}

/** Where a response_url answer goes: who clicked or typed, and which item (if any) it may replace. */
export interface ResponseOrigin {
  user: string;
  channel: string;
  origin?: string;
}

/** A command's immediate answer (the HTTP response to Slack's request), shown only to the user. */
export interface Ack {
  user: string;
  channel: string;
  at: number;
  text?: string;
  blocks?: unknown[];
}

const msOf = (ts: string) => Math.round(Number(ts) * 1000);

export function channelTimeline(
  fake: FakeSlack,
  channel: string,
  viewer: string,
  origins: Map<string, ResponseOrigin>,
  acks: Ack[],
): Item[] {
  const items: Item[] = [];
  const byKey = new Map<string, Item>();
  const add = (item: Item, parentTs?: string) => {
    byKey.set(item.key, item);
    const parent = parentTs ? byKey.get(`m:${parentTs}`) : undefined;
    if (!parent) items.push(item);
    else if (parent.replies) parent.replies.push(item);
    else parent.replies = [item];
  };

  for (const m of fake.channelMessages(channel)) {
    add({
      key: `m:${m.ts}`,
      kind: 'message',
      at: msOf(m.ts),
      text: m.text,
      blocks: m.blocks,
      files: m.files,
      edited: m.updates > 0,
    });
    for (const r of fake.threadReplies(channel, m.ts))
      add(
        {
          key: `m:${r.ts}`,
          kind: 'message',
          at: msOf(r.ts),
          text: r.text,
          blocks: r.blocks,
          files: r.files,
          edited: r.updates > 0,
        },
        m.ts,
      );
  }
  for (const e of fake.ephemerals) {
    if (e.channel !== channel || e.user !== viewer) continue;
    add({ key: `e:${e.message_ts}`, kind: 'ephemeral', at: msOf(e.message_ts), text: e.text, blocks: e.blocks }, e.thread_ts);
  }
  for (const [i, a] of acks.entries()) {
    if (a.channel === channel && a.user === viewer)
      add({ key: `a:${i}`, kind: 'ephemeral', at: a.at, text: a.text, blocks: a.blocks });
  }
  for (const [i, r] of fake.responses.entries()) applyResponse(r, i, origins.get(r.id), channel, viewer, byKey, add);

  // Sorted by time, without what delete_original removed.
  const kept = (list: Item[]) => list.filter((i) => byKey.has(i.key)).sort((a, b) => a.at - b.at);
  for (const item of items) if (item.replies) item.replies = kept(item.replies);
  return kept(items);
}

function applyResponse(
  r: FakeSlackResponse,
  index: number,
  to: ResponseOrigin | undefined,
  channel: string,
  viewer: string,
  byKey: Map<string, Item>,
  add: (item: Item) => void,
): void {
  if (r.status >= 300 || !to || to.channel !== channel) return;
  const body = r.body as {
    text?: string;
    blocks?: unknown[];
    response_type?: string;
    replace_original?: boolean;
    delete_original?: boolean;
  };
  const original = to.origin ? byKey.get(to.origin) : undefined;
  // An ephemeral original is only ever on the clicker's screen.
  if (original?.kind === 'ephemeral' && to.user !== viewer) return;
  if (body.delete_original) {
    if (original) byKey.delete(original.key);
    return;
  }
  if (body.replace_original && original) {
    original.text = body.text;
    original.blocks = body.blocks;
    original.edited = true;
    return;
  }
  const inChannel = body.response_type === 'in_channel';
  if (!inChannel && to.user !== viewer) return;
  add({ key: `r:${index}`, kind: inChannel ? 'message' : 'ephemeral', at: r.at.getTime(), text: body.text, blocks: body.blocks });
}
