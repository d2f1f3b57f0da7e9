// The one place that decides who may act: a Bolt global middleware in front of every listener.
// Buttons, pickers, modals, slash commands and (through context.isAgent) the Home tab. A non-agent
// gets a private answer naming who may act; no listener runs, so nothing changes, nothing is
// queued, and neither the chat platform nor Shopify hears of it. The refusal is audited.
import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { AgentDirectory } from './agents.js';
import { recordRefusal } from './audit.js';
import { CANNOT_CHECK, attemptOf, refusalText } from './refusal.js';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Body = Record<string, unknown> & {
  type?: string;
  command?: string;
  user?: { id?: string; team_id?: string };
  user_id?: string;
  team_id?: string;
  team?: { id?: string } | null;
  event?: { type?: string; user?: string; subtype?: string; user_team?: string; tab?: string };
  actions?: Array<{ action_id?: string; value?: string; block_id?: string }>;
  response_url?: string;
};

/** Who asks and what: undefined for requests that are nobody's action (most events). */
export interface Attempt {
  kind: 'action' | 'command' | 'view' | 'home' | 'message' | 'options';
  userId: string;
  teamId?: string;
  /** action_id or command name */
  id?: string;
  body: Body;
}

export function attemptIn(body: Body): Attempt | undefined {
  if (typeof body.command === 'string' && body.user_id)
    return { kind: 'command', userId: body.user_id, teamId: body.team_id, id: body.command, body };
  const userId = body.user?.id;
  const teamId = body.user?.team_id ?? body.team?.id ?? undefined;
  switch (body.type) {
    case 'block_actions':
    case 'interactive_message':
    case 'shortcut':
    case 'message_action':
      return userId ? { kind: 'action', userId, teamId, id: body.actions?.[0]?.action_id, body } : undefined;
    case 'view_submission':
    case 'view_closed':
      return userId ? { kind: 'view', userId, teamId, body } : undefined;
    case 'block_suggestion':
      return userId ? { kind: 'options', userId, teamId, body } : undefined;
  }
  const event = body.event;
  if (event?.type === 'app_home_opened' && event.user) return { kind: 'home', userId: event.user, body };
  // A person's message (no subtype: not a bot, not an edit) may be mirrored to the platform.
  if (event?.type === 'message' && !event.subtype && event.user)
    return { kind: 'message', userId: event.user, teamId: event.user_team, body };
  return undefined;
}

export interface AgentsOnlyDeps {
  agents: AgentDirectory;
  db: Db;
  slack: WebClient;
  logger: Logger;
}

export function agentsOnly(deps: AgentsOnlyDeps): Middleware<AnyMiddlewareArgs> {
  const log = deps.logger.child({ component: 'access' });
  return async (args) => {
    const a = args as Args;
    const attempt = attemptIn(a.body as Body);
    if (!attempt) return a.next();
    let agent: boolean;
    try {
      agent = await deps.agents.isAgent(attempt.userId, attempt.teamId);
    } catch (err) {
      log.warn({ err: (err as Error).message, userId: attempt.userId }, 'could not read who may act; refusing');
      if (attempt.kind !== 'home' && attempt.kind !== 'message') await answer(a, attempt, CANNOT_CHECK, deps, log);
      return;
    }
    a.context.isAgent = agent;
    // The Home tab listener shows a non-agent a queue-free view.
    if (agent || attempt.kind === 'home') return a.next();
    if (attempt.kind === 'message') return; // not mirrored, not answered: just not theirs to act on

    const otherWorkspace = await deps.agents.isOtherWorkspace(attempt.teamId).catch(() => false);
    const who = await deps.agents.whoMayAct();
    const text = refusalText(who, attemptOf(attempt.kind === 'options' ? 'action' : attempt.kind, attempt.id), otherWorkspace);
    await answer(a, attempt, text, deps, log);
    log.info({ userId: attempt.userId, teamId: attempt.teamId, kind: attempt.kind, id: attempt.id }, 'refused a non-agent');
    await recordRefusal(deps.db, attempt, otherWorkspace ? 'other_workspace' : 'not_agent').catch((err) =>
      log.error({ err: (err as Error).message }, 'could not audit a refusal'),
    );
  };
}

/** Ack in the shape the request needs, then say it privately where the request came from. */
async function answer(a: Args, attempt: Attempt, text: string, deps: AgentsOnlyDeps, log: Logger): Promise<void> {
  const ack = (a as { ack?: (r?: unknown) => Promise<void> }).ack;
  const tell = (fn: () => Promise<unknown>) =>
    fn().catch((err) => log.warn({ err: (err as Error).message }, 'could not tell a non-agent why nothing happened'));
  switch (attempt.kind) {
    case 'command':
      await ack?.({ response_type: 'ephemeral', text });
      return;
    case 'options':
      await ack?.({ options: [] });
      return;
    case 'view':
      await ack?.(attempt.body.type === 'view_submission' ? { response_action: 'update', view: refusalModal(text) } : undefined);
      return;
    default: {
      await ack?.();
      const respond = (a as { respond?: (m: unknown) => Promise<unknown> }).respond;
      if (attempt.body.response_url && respond)
        await tell(() => respond({ response_type: 'ephemeral', replace_original: false, text }));
      // A Home-tab click has no response_url: the app's DM is the private place left.
      else await tell(() => deps.slack.chat.postMessage({ channel: attempt.userId, text }));
    }
  }
}

function refusalModal(text: string) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'handoff' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
