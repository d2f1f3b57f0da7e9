// The sandbox's Slack-shaped requests: each element type reports what Slack reports, and a click
// carries a channel and response_url only where Slack gives one.
import { describe, expect, it } from 'vitest';
import { actionEntry, appHomeOpened, blockActionsPayload, commandFields } from '../../../src/sandbox/payloads.js';

const team = { id: 'T0SANDBOX', domain: 'handoff-sandbox', appId: 'A0HANDOFF' };
const user = { id: 'U0SANDBOXA1', name: 'alex' };
const labels = {
  type: 'multi_static_select',
  action_id: 'handoff_label',
  options: [
    { text: { type: 'plain_text', text: 'refund' }, value: 'refund' },
    { text: { type: 'plain_text', text: 'shipping' }, value: 'shipping' },
  ],
};

describe('actionEntry', () => {
  it('reports a button with its value and text', () => {
    const button = {
      type: 'button',
      action_id: 'handoff_claim',
      value: 'esc-1',
      text: { type: 'plain_text', text: 'Claim' },
      style: 'primary',
    };
    const a = actionEntry(button, 'handoff_actions:esc-1', {});
    expect(a).toMatchObject({
      type: 'button',
      action_id: 'handoff_claim',
      block_id: 'handoff_actions:esc-1',
      value: 'esc-1',
      style: 'primary',
    });
    expect(a.action_ts).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('reports a users_select pick as selected_user', () => {
    expect(actionEntry({ type: 'users_select', action_id: 'handoff_assign' }, 'b', { user: 'U0SANDBOXP2' })).toMatchObject({
      selected_user: 'U0SANDBOXP2',
    });
  });

  it('reports a multi_static_select as the chosen options, text and value, from the element itself', () => {
    expect(actionEntry(labels, 'b', { values: ['shipping'] }).selected_options).toEqual([
      { text: { type: 'plain_text', text: 'shipping' }, value: 'shipping' },
    ]);
    expect(actionEntry(labels, 'b', {}).selected_options).toEqual([]);
  });

  it('reports static_select and overflow as selected_option, options in groups included', () => {
    const grouped = { type: 'static_select', action_id: 's', option_groups: [{ label: {}, options: labels.options }] };
    expect(actionEntry(grouped, 'b', { values: ['refund'] }).selected_option).toEqual(labels.options[0]);
    expect(actionEntry({ ...labels, type: 'overflow' }, 'b', { values: ['refund'] }).selected_option).toEqual(labels.options[0]);
  });

  it('refuses a value the element does not offer, and a picker without a pick', () => {
    expect(() => actionEntry(labels, 'b', { values: ['fraud'] })).toThrow(/not an option/);
    expect(() => actionEntry({ type: 'users_select', action_id: 'a' }, 'b', {})).toThrow(/needs a user/);
    expect(() => actionEntry({ type: 'datepicker', action_id: 'a' }, 'b', {})).toThrow(/does not send datepicker/);
  });
});

describe('blockActionsPayload', () => {
  const action = { type: 'button', action_id: 'handoff_claim' };

  it('gives a channel message click its container, channel, message and response_url', () => {
    const message = { type: 'message', ts: '1.000001', text: 'card' };
    const p = blockActionsPayload({
      team,
      user,
      action,
      responseUrl: 'http://127.0.0.1/response/x',
      source: { kind: 'message', channel: 'C0SANDBOX01', channelName: 'escalations', ts: '1.000001', ephemeral: false, message },
    });
    expect(p).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0SANDBOXA1', team_id: 'T0SANDBOX' },
      container: { type: 'message', message_ts: '1.000001', channel_id: 'C0SANDBOX01', is_ephemeral: false },
      channel: { id: 'C0SANDBOX01', name: 'escalations' },
      message,
      response_url: 'http://127.0.0.1/response/x',
      actions: [action],
    });
  });

  it('leaves the message out for an ephemeral one, as Slack does', () => {
    const p = blockActionsPayload({
      team,
      user,
      action,
      responseUrl: 'u',
      source: { kind: 'message', channel: 'C1', channelName: 'c', ts: '2.0', ephemeral: true, message: { ts: '2.0' } },
    });
    expect(p.container).toMatchObject({ is_ephemeral: true });
    expect(p).not.toHaveProperty('message');
  });

  it('gives a Home-tab click the view and neither a channel nor a response_url', () => {
    const p = blockActionsPayload({ team, user, action, source: { kind: 'home', view: { id: 'V1', type: 'home' } } });
    expect(p.container).toEqual({ type: 'view', view_id: 'V1' });
    expect(p).not.toHaveProperty('channel');
    expect(p).not.toHaveProperty('response_url');
  });
});

it('builds slash commands and app_home_opened like Slack', () => {
  const f = commandFields({
    team,
    user,
    channel: 'C1',
    channelName: 'escalations',
    command: '/order',
    text: '#1042',
    responseUrl: 'u',
  });
  expect(f).toMatchObject({
    command: '/order',
    text: '#1042',
    user_id: 'U0SANDBOXA1',
    channel_id: 'C1',
    response_url: 'u',
    team_id: 'T0SANDBOX',
  });
  const e = appHomeOpened(team, 'U0SANDBOXA1');
  expect(e).toMatchObject({ type: 'event_callback', event: { type: 'app_home_opened', user: 'U0SANDBOXA1', tab: 'home' } });
});
