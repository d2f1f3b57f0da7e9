// The requests Slack sends when someone uses the app, built the way Slack builds them, for the
// sandbox page: block_actions for buttons and pickers, slash commands, app_home_opened. Pure: the
// element comes from the blocks the app really posted, the user's pick from the page.
import { randomBytes } from 'node:crypto';

export interface SlackTeam {
  id: string;
  domain: string;
  appId: string;
}

export interface Clicker {
  id: string;
  name: string;
}

/** Where the clicked element lives: a channel or DM message (maybe ephemeral), or the Home tab. */
export type ClickSource =
  | { kind: 'message'; channel: string; channelName: string; ts: string; ephemeral: boolean; message?: Record<string, unknown> }
  | { kind: 'home'; view: Record<string, unknown> };

/** What the user picked: a button has nothing to pick; selects and overflow menus do. */
export interface Selection {
  user?: string;
  /** Option values (one for static_select and overflow, any number for multi_static_select). */
  values?: string[];
}

type Element = Record<string, unknown> & { type: string; action_id: string };

interface Option {
  text: Record<string, unknown>;
  value: string;
}

/** Slack's ts format: seconds with six digits of microseconds. */
export function slackTs(now = Date.now()): string {
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0')}`;
}

function optionsOf(element: Element): Option[] {
  const flat = (element.options as Option[] | undefined) ?? [];
  const groups = (element.option_groups as Array<{ options: Option[] }> | undefined) ?? [];
  return [...flat, ...groups.flatMap((g) => g.options)];
}

/** One entry of `actions[]`: what Slack reports for each element type when it is used. */
export function actionEntry(element: Element, blockId: string, selection: Selection, now = Date.now()): Record<string, unknown> {
  const base = { type: element.type, action_id: element.action_id, block_id: blockId, action_ts: slackTs(now) };
  const pick = (values: string[] = []) =>
    values.map((v) => {
      const option = optionsOf(element).find((o) => o.value === v);
      if (!option) throw new Error(`"${v}" is not an option of ${element.action_id}`);
      return { text: option.text, value: option.value };
    });
  switch (element.type) {
    case 'button':
      return {
        ...base,
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
      };
    case 'users_select':
      if (!selection.user) throw new Error('users_select needs a user');
      return { ...base, selected_user: selection.user };
    case 'static_select':
    case 'overflow': {
      const [option] = pick(selection.values);
      if (!option) throw new Error(`${element.type} needs one option`);
      return { ...base, selected_option: option };
    }
    case 'multi_static_select':
      return { ...base, selected_options: pick(selection.values) };
    default:
      throw new Error(`the sandbox does not send ${element.type} actions`);
  }
}

/** A block_actions payload as Slack posts it (form field `payload`) to the app's request URL. */
export function blockActionsPayload(input: {
  team: SlackTeam;
  user: Clicker;
  source: ClickSource;
  action: Record<string, unknown>;
  responseUrl?: string;
}): Record<string, unknown> {
  const { team, user, source } = input;
  const common = {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: team.id },
    api_app_id: team.appId,
    token: 'sandbox-verification-token',
    trigger_id: `${Date.now()}.${randomBytes(6).toString('hex')}`,
    team: { id: team.id, domain: team.domain },
    enterprise: null,
    is_enterprise_install: false,
    actions: [input.action],
  };
  if (source.kind === 'home') {
    // Home-tab clicks carry the view, and neither a channel nor a response_url.
    return {
      ...common,
      container: { type: 'view', view_id: source.view.id },
      view: source.view,
      state: { values: {} },
    };
  }
  return {
    ...common,
    container: { type: 'message', message_ts: source.ts, channel_id: source.channel, is_ephemeral: source.ephemeral },
    channel: { id: source.channel, name: source.channelName },
    // Slack includes the message for ordinary messages only; an ephemeral one is not stored anywhere.
    ...(source.ephemeral || !source.message ? {} : { message: source.message }),
    state: { values: {} },
    response_url: input.responseUrl,
  };
}

/** The form fields of a slash command. */
export function commandFields(input: {
  team: SlackTeam;
  user: Clicker;
  channel: string;
  channelName: string;
  command: string;
  text: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'sandbox-verification-token',
    team_id: input.team.id,
    team_domain: input.team.domain,
    channel_id: input.channel,
    channel_name: input.channelName,
    user_id: input.user.id,
    user_name: input.user.name,
    command: input.command,
    text: input.text,
    api_app_id: input.team.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(6).toString('hex')}`,
  };
}

/** The Events API envelope for app_home_opened (the user opened the app's Home tab). */
export function appHomeOpened(team: SlackTeam, userId: string, view?: Record<string, unknown>): Record<string, unknown> {
  const ts = slackTs();
  return {
    token: 'sandbox-verification-token',
    team_id: team.id,
    api_app_id: team.appId,
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId.slice(1)}`,
      tab: 'home',
      event_ts: ts,
      ...(view ? { view } : {}),
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team.id, user_id: 'U0HANDOFFBOT', is_bot: true, is_enterprise_install: false }],
  };
}
