// Slack-signed requests, built the way Slack sends them: interactivity as a form field `payload`
// holding JSON, slash commands as plain form fields, events as JSON; signed v0 over ts + raw body.
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signSlack(secret: string, body: string, contentType: string, now = Date.now()): SignedRequest {
  const ts = Math.floor(now / 1000);
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(secret, ts, body),
    },
  };
}

export function interactionRequest(secret: string, payload: object): SignedRequest {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signSlack(secret, body, 'application/x-www-form-urlencoded');
}

export function commandRequest(secret: string, fields: Record<string, string>): SignedRequest {
  return signSlack(secret, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
}

export function eventRequest(secret: string, event: object): SignedRequest {
  return signSlack(secret, JSON.stringify(event), 'application/json');
}

/** A block_actions payload in the shape Slack sends for a button or select on a channel message. */
export function blockActionPayload(input: {
  userId: string;
  userName?: string;
  channel: string;
  messageTs: string;
  action: Record<string, unknown> & { action_id: string };
  responseUrl?: string;
  triggerId?: string;
}): object {
  const actionTs = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    team: { id: 'T0TEST', domain: 'handoff-test' },
    user: { id: input.userId, username: input.userName ?? input.userId.toLowerCase(), name: input.userName ?? input.userId.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0HANDOFF',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false },
    trigger_id: input.triggerId ?? `${Date.now()}.trigger`,
    channel: { id: input.channel, name: 'support' },
    message: { type: 'message', ts: input.messageTs, text: 'card', user: 'U0BOT' },
    response_url: input.responseUrl ?? 'https://hooks.slack.com/actions/T0TEST/1/abc',
    actions: [{ block_id: 'actions', type: 'button', action_ts: actionTs, ...input.action }],
  };
}

/** A view_submission for a modal the fake Slack opened: same view id and metadata, the input's value. */
export function viewSubmissionPayload(input: {
  userId: string;
  view: Record<string, unknown>;
  values: Record<string, Record<string, { type: string; value: string }>>;
}): object {
  return {
    type: 'view_submission',
    team: { id: 'T0TEST', domain: 'handoff-test' },
    user: { id: input.userId, username: input.userId.toLowerCase(), name: input.userId.toLowerCase(), team_id: 'T0TEST' },
    api_app_id: 'A0HANDOFF',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.submit`,
    view: { ...input.view, state: { values: input.values } },
    response_urls: [],
    is_enterprise_install: false,
  };
}

let events = 0;

/** An Events API envelope around one `message` event (a person's message unless `extra` says otherwise). */
export function messageEventBody(event: { channel: string; user?: string; text: string; ts: string; thread_ts?: string } & Record<string, unknown>): object {
  events += 1;
  return {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0HANDOFF',
    type: 'event_callback',
    event_id: `EvMSG${Date.now()}${events}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'channel', event_ts: event.ts, ...event },
  };
}
