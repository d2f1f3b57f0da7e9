// Which platform agent a Slack user is: an explicit `handoff agents link` wins, else the agent
// whose email matches the Slack profile email.
import type { Db } from '../db/client.js';
import { findAgentByEmail } from '../platforms/agents.js';
import type { PlatformApi, PlatformId } from '../platforms/types.js';

/** A Slack user as the platform note names them. */
export interface SlackPerson {
  id: string;
  /** Real name, else display name, else the id: what a platform note calls them. */
  name: string;
  email?: string;
}

/** Who a Slack user is (src/slack/people.ts asks Slack's users.info). */
export interface PeopleDirectory {
  get(userId: string): Promise<SlackPerson>;
}

export type AgentMatch = { agentId: string; via: 'link' | 'email' } | { agentId?: undefined };

export class AgentResolver {
  constructor(
    private readonly db: Db,
    private readonly people: PeopleDirectory,
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
