// Slash commands and clicks as Slack sends them, for the commands/Home integration tests: signed
// form bodies to /slack/events, response_urls served by the fake Slack.
import type { Harness } from '../helpers/harness.js';
import { SIGNING_SECRET } from '../helpers/harness.js';
import { commandRequest, eventRequest, interactionRequest } from '../helpers/slack-requests.js';

export interface CommandResult {
  status: number;
  /** The ack's JSON body ({} when Bolt acked without a message). */
  ack: { response_type?: string; text?: string; blocks?: unknown[] };
  /** When the ack arrived, for "the ack comes first". */
  ackAt: Date;
  ackMs: number;
  /** The response_url id the fake Slack answers on. */
  responseId: string;
}

let seq = 0;

export async function slashCommand(
  h: Harness,
  command: string,
  text: string,
  userId = 'U0AGENT01',
  channelId = 'C0SUPPORT1',
): Promise<CommandResult> {
  seq += 1;
  const responseId = `cmd-${process.pid}-${Date.now()}-${seq}`;
  const req = commandRequest(SIGNING_SECRET, {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    team_domain: 'handoff-test',
    channel_id: channelId,
    channel_name: 'support',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command,
    text,
    api_app_id: 'A0HANDOFF',
    is_enterprise_install: 'false',
    response_url: h.slack.responseUrl(responseId),
    trigger_id: `${Date.now()}.trigger`,
  });
  const started = performance.now();
  const res = await h.post('/slack/events', req);
  const ackAt = new Date();
  const ackMs = performance.now() - started;
  const raw = await res.text();
  const ack = raw ? (JSON.parse(raw) as CommandResult['ack']) : {};
  return { status: res.status, ack, ackAt, ackMs, responseId };
}

/** A click on a button of an ephemeral message (a command's answer), with its own response_url. */
export async function clickEphemeral(
  h: Harness,
  action: { action_id: string; value: string; block_id?: string },
  userId = 'U0AGENT01',
  channelId = 'C0SUPPORT1',
): Promise<{ status: number; responseId: string }> {
  seq += 1;
  const responseId = `click-${process.pid}-${Date.now()}-${seq}`;
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'handoff-test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0HANDOFF',
    token: 'legacy-verification-token',
    // Ephemeral messages come without `message`; the container says so.
    container: { type: 'message', message_ts: actionTs, channel_id: channelId, is_ephemeral: true },
    trigger_id: `${Date.now()}.trigger`,
    channel: { id: channelId, name: 'support' },
    response_url: h.slack.responseUrl(responseId),
    actions: [
      {
        type: 'button',
        block_id: action.block_id ?? 'b',
        action_ts: actionTs,
        text: { type: 'plain_text', text: 'x' },
        ...action,
      },
    ],
  };
  const res = await h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload));
  return { status: res.status, responseId };
}

/** A click in the Home tab: no channel, no response_url. */
export async function clickHome(h: Harness, action: { action_id: string; value: string }, userId: string): Promise<number> {
  seq += 1;
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
  const payload = {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'handoff-test' },
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0HANDOFF',
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: `${Date.now()}.trigger`,
    view: { id: 'V0HOME', type: 'home', blocks: [] },
    actions: [{ type: 'button', block_id: 'b', action_ts: actionTs, text: { type: 'plain_text', text: 'Claim' }, ...action }],
  };
  return (await h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status;
}

export async function homeOpened(h: Harness, userId: string, tab: 'home' | 'messages' = 'home'): Promise<number> {
  seq += 1;
  const req = eventRequest(SIGNING_SECRET, {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0HANDOFF',
    type: 'event_callback',
    event_id: `Ev${Date.now()}${seq}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab, event_ts: `${Date.now() / 1000}` },
  });
  return (await h.post('/slack/events', req)).status;
}

/** Every piece of text in a message or view's blocks, for content assertions. */
export function textOf(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}

/** Every interactive element with this action_id, wherever it sits in the blocks. */
export function elementsWith(blocks: unknown, actionId: string): Array<{ action_id: string; value?: string; url?: string }> {
  const found: Array<{ action_id: string; value?: string; url?: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.action_id === actionId) found.push(o as { action_id: string; value?: string });
    Object.values(o).forEach(walk);
  };
  walk(blocks);
  return found;
}
