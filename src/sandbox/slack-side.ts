// Slack's side of the sandbox: what Slack itself does when a person uses the app. It turns the
// page's clicks, commands and Home-tab visits into requests signed with the signing secret (v0
// HMAC over the timestamp and raw body) and POSTs them to handoff's /slack/events, exactly as
// Slack does; and it shows each person what Slack would show them (see timeline.ts).
import { randomBytes } from 'node:crypto';
import { commandRequest, eventRequest, interactionRequest, type SignedRequest } from '../../test/helpers/slack-requests.js';
import type { FakeSlack } from '../../test/fakes/slack.js';
import {
  actionEntry,
  appHomeOpened,
  blockActionsPayload,
  type ClickSource,
  commandFields,
  type Selection,
  type SlackTeam,
} from './payloads.js';
import { type Ack, channelTimeline, type Item, type ResponseOrigin } from './timeline.js';

export interface SlackSideOptions {
  fake: FakeSlack;
  signingSecret: string;
  channel: string;
  channelName: string;
  /** handoff's own origin, e.g. http://127.0.0.1:3000 (known once it listens). */
  appUrl: () => string;
}

export interface Click {
  user: string;
  /** An item key from the channel or DM timeline, or "home". */
  key: string;
  blockId: string;
  actionId: string;
  selection?: Selection;
}

export class SlackSide {
  private readonly origins = new Map<string, ResponseOrigin>();
  private readonly acks: Ack[] = [];
  private readonly team: SlackTeam;

  constructor(private readonly o: SlackSideOptions) {
    this.team = { id: o.fake.teamId, domain: 'handoff-sandbox', appId: o.fake.appId };
  }

  users() {
    return [...this.o.fake.users.values()].map((u) => ({ id: u.id, name: u.real_name ?? u.name ?? u.id }));
  }

  /** Everything the page shows to `user`. */
  state(user: string) {
    const fake = this.o.fake;
    const dm = `D${user.slice(1)}`;
    return {
      channel: { id: this.o.channel, name: this.o.channelName, items: this.timeline(this.o.channel, user) },
      dm: { id: dm, items: this.timeline(dm, user) },
      home: fake.homeViews.get(user) ?? null,
      modals: fake.modals,
      users: this.users(),
    };
  }

  private timeline(channel: string, user: string): Item[] {
    return channelTimeline(this.o.fake, channel, user, this.origins, this.acks);
  }

  /** A button or picker used on the page: block_actions, signed, to /slack/events. */
  async click(click: Click): Promise<number> {
    const user = this.clicker(click.user);
    const { source, blocks } = this.locate(click);
    const element = findElement(blocks, click.blockId, click.actionId);
    let action: Record<string, unknown>;
    try {
      action = actionEntry(element, click.blockId, click.selection ?? {});
    } catch (err) {
      throw new SandboxInputError((err as Error).message);
    }
    let responseUrl: string | undefined;
    if (source.kind === 'message') responseUrl = this.responseUrl({ user: user.id, channel: source.channel, origin: click.key });
    const payload = blockActionsPayload({ team: this.team, user, source, action, responseUrl });
    return (await this.post(interactionRequest(this.o.signingSecret, payload))).status;
  }

  /** A slash command typed in the channel; Slack shows the immediate answer to the user alone. */
  async command(userId: string, command: string, text: string): Promise<number> {
    const user = this.clicker(userId);
    const channel = this.o.channel;
    const responseUrl = this.responseUrl({ user: user.id, channel });
    const fields = commandFields({ team: this.team, user, channel, channelName: this.o.channelName, command, text, responseUrl });
    const res = await this.post(commandRequest(this.o.signingSecret, fields));
    const body = await res.text();
    if (res.ok && body.trim()) {
      const answer = JSON.parse(body) as { text?: string; blocks?: unknown[] };
      this.acks.push({ user: user.id, channel, at: Date.now(), text: answer.text, blocks: answer.blocks });
    }
    return res.status;
  }

  /** The user opened the app's Home tab. */
  async homeOpened(userId: string): Promise<number> {
    const user = this.clicker(userId);
    const view = this.o.fake.homeViews.get(user.id);
    return (await this.post(eventRequest(this.o.signingSecret, appHomeOpened(this.team, user.id, view)))).status;
  }

  private clicker(id: string) {
    const u = this.o.fake.users.get(id);
    if (!u) throw new SandboxInputError(`unknown user ${id}`);
    return { id: u.id, name: u.name ?? u.id.toLowerCase() };
  }

  /** The clicked item as Slack knows it: its channel, ts and whether only this user sees it. */
  private locate(click: Click): { source: ClickSource; blocks: unknown[] } {
    const fake = this.o.fake;
    if (click.key === 'home') {
      const view = fake.homeViews.get(click.user);
      if (!view) throw new SandboxInputError('no Home tab published for this user');
      return { source: { kind: 'home', view }, blocks: (view.blocks as unknown[]) ?? [] };
    }
    for (const channel of [this.o.channel, `D${click.user.slice(1)}`]) {
      const item = findItem(this.timeline(channel, click.user), click.key);
      if (!item) continue;
      const ts = click.key.startsWith('m:') || click.key.startsWith('e:') ? click.key.slice(2) : String(item.at / 1000);
      const ephemeral = item.kind === 'ephemeral';
      const stored = fake.message(channel, ts);
      const message = stored
        ? {
            type: 'message',
            ts,
            text: stored.text ?? '',
            user: fake.botUserId,
            bot_id: fake.botId,
            app_id: fake.appId,
            blocks: stored.blocks ?? [],
          }
        : undefined;
      const channelName = channel === this.o.channel ? this.o.channelName : 'directmessage';
      return { source: { kind: 'message', channel, channelName, ts, ephemeral, message }, blocks: item.blocks ?? [] };
    }
    throw new SandboxInputError(`no message ${click.key} here`);
  }

  private responseUrl(origin: ResponseOrigin): string {
    const id = randomBytes(8).toString('hex');
    this.origins.set(id, origin);
    return this.o.fake.responseUrl(id);
  }

  private post(req: SignedRequest): Promise<Response> {
    return fetch(`${this.o.appUrl()}/slack/events`, { method: 'POST', headers: req.headers, body: req.body });
  }
}

/** A click or command the page sent that does not match what is on screen. */
export class SandboxInputError extends Error {}

function findItem(items: Item[], key: string): Item | undefined {
  for (const item of items) {
    if (item.key === key) return item;
    const reply = item.replies?.find((r) => r.key === key);
    if (reply) return reply;
  }
  return undefined;
}

/** The element the app really rendered: the page names it, the blocks define it. */
function findElement(blocks: unknown[], blockId: string, actionId: string) {
  for (const [index, raw] of blocks.entries()) {
    const block = raw as { block_id?: string; elements?: unknown[]; accessory?: unknown };
    // Slack gives a block without a block_id one of its own; the page names it by position.
    if ((block.block_id ?? `auto-${index}`) !== blockId) continue;
    const candidates = [...(block.elements ?? []), block.accessory].filter(Boolean) as Array<Record<string, unknown>>;
    const element = candidates.find((e) => e.action_id === actionId);
    if (element) return element as Record<string, unknown> & { type: string; action_id: string };
  }
  throw new SandboxInputError(`no element ${actionId} in block ${blockId}`);
}
