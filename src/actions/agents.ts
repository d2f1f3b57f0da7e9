// Who a Slack user is (name, email, via users.info) and which platform agent they are: an explicit
// `handoff agents link` wins, else the agent whose email matches the Slack profile email.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import { PermanentError } from '../errors.js';
import { findAgentByEmail } from '../platforms/agents.js';
import type { PlatformApi, PlatformId } from '../platforms/types.js';
import { slackCall } from '../slack/client.js';

export interface SlackPerson {
  id: string;
  /** Real name, else display name, else the id: what a platform note calls them. */
  name: string;
  email?: string;
}

/** users.info with a short cache: a burst of actions by one agent costs one call. */
export class SlackDirectory {
  private readonly cache = new Map<string, { at: number; value: Promise<SlackPerson> }>();

  constructor(
    private readonly slack: WebClient,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(userId: string): Promise<SlackPerson> {
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = slackCall(() => this.slack.users.info({ user: userId })).then(
      (res) => toPerson(userId, res.user),
      (err: unknown) => {
        // Slack refused for good (user_not_found, missing scope): name them by id, don't fail the action.
        if (err instanceof PermanentError) return { id: userId, name: userId };
        throw err;
      },
    );
    const entry = { at: this.now(), value };
    this.cache.set(userId, entry);
    // A transient failure must not be remembered for five minutes.
    value.catch(() => {
      if (this.cache.get(userId) === entry) this.cache.delete(userId);
    });
    return value;
  }
}

interface SlackUserLike {
  name?: string;
  real_name?: string;
  profile?: { real_name?: string; display_name?: string; email?: string };
}

export function toPerson(id: string, user: SlackUserLike | undefined): SlackPerson {
  const p = user?.profile;
  const name = [p?.real_name, user?.real_name, p?.display_name, user?.name].find((n) => n?.trim())?.trim() ?? id;
  const email = p?.email?.trim() || undefined;
  return email ? { id, name, email } : { id, name };
}

export type AgentMatch = { agentId: string; via: 'link' | 'email' } | { agentId?: undefined };

export class AgentResolver {
  constructor(
    private readonly db: Db,
    private readonly people: SlackDirectory,
  ) {}

  async agentFor(platform: PlatformId, api: PlatformApi, slackUserId: string): Promise<AgentMatch> {
    const link = await this.db.agentLink.findUnique({
      where: { slackUserId_platform: { slackUserId, platform } },
    });
    if (link) return { agentId: link.agentId, via: 'link' };
    if (!api.listAgents) return {};
    const person = await this.people.get(slackUserId);
    if (!person.email) return {};
    const agent = findAgentByEmail(await api.listAgents(), person.email);
    return agent ? { agentId: agent.id, via: 'email' } : {};
  }
}
