// Who is an agent: the members of SLACK_AGENT_USERGROUP when set, else the members of
// SLACK_ESCALATION_CHANNEL, and only people of the workspace handoff is installed in (a Slack
// Connect guest from a partner's workspace never is). Membership is read from Slack and cached
// briefly; Slack's membership events drop the cache so a change applies at the next click.
import type { WebClient } from '@slack/web-api';
import { withTimeout } from '../timeout.js';

/** How long a membership list is trusted without a membership event. */
export const AGENT_CACHE_MS = 60_000;
/** Reading membership happens before a Slack ack on a cold cache: bound it. */
const LOOKUP_BUDGET_MS = 2000;

export interface AgentSource {
  /** The user group (`S…`) when set: its members are the agents. */
  usergroup?: string;
  /** Otherwise the escalation channel's members are. */
  channel: string;
}

export class AgentDirectory {
  private members?: { ids: Promise<Set<string>>; at: number };
  private installedTeam?: Promise<string | undefined>;
  private label?: string;

  constructor(
    private readonly slack: WebClient,
    readonly source: AgentSource,
    private readonly cacheMs = AGENT_CACHE_MS,
  ) {}

  /** True when the user is an agent. `teamId` is the team the request says the user belongs to. */
  async isAgent(userId: string, teamId?: string): Promise<boolean> {
    if (await this.isOtherWorkspace(teamId)) return false;
    return (await this.memberIds()).has(userId);
  }

  /** True when the team given is not the workspace handoff is installed in (Slack Connect). */
  async isOtherWorkspace(teamId: string | undefined): Promise<boolean> {
    return Boolean(teamId) && teamId !== (await this.team());
  }

  /** Forget the cached members (a membership event arrived); the next check asks Slack again. */
  invalidate(): void {
    this.members = undefined;
  }

  /** True when a membership event concerns the source of agents. */
  concerns(event: { type: string; channel?: string; subteam_id?: string }): boolean {
    if (this.source.usergroup) return event.type === 'subteam_members_changed' && event.subteam_id === this.source.usergroup;
    return (event.type === 'member_joined_channel' || event.type === 'member_left_channel') && event.channel === this.source.channel;
  }

  /** How a refusal names who may act: "members of #escalations" (mrkdwn). */
  async whoMayAct(): Promise<string> {
    if (this.label) return this.label;
    const { text, final } = await this.describe();
    if (final) this.label = text; // a fallback (<#id>) is asked again next time
    return text;
  }

  private memberIds(): Promise<Set<string>> {
    const fresh = this.members && Date.now() - this.members.at < this.cacheMs;
    if (!fresh) {
      const entry = { ids: withTimeout(this.fetchMembers(), LOOKUP_BUDGET_MS), at: Date.now() };
      // A failed read is not cached: the next check asks again.
      entry.ids.catch(() => {
        if (this.members === entry) this.members = undefined;
      });
      this.members = entry;
    }
    return (this.members as { ids: Promise<Set<string>> }).ids;
  }

  private async fetchMembers(): Promise<Set<string>> {
    if (this.source.usergroup) {
      // usergroups.users.list is not paginated: one answer lists every member.
      const res = await this.slack.usergroups.users.list({ usergroup: this.source.usergroup });
      return new Set(res.users ?? []);
    }
    const ids = new Set<string>();
    for await (const page of this.slack.paginate('conversations.members', { channel: this.source.channel, limit: 1000 })) {
      for (const id of (page as { members?: string[] }).members ?? []) ids.add(id);
    }
    return ids;
  }

  private team(): Promise<string | undefined> {
    this.installedTeam ??= this.slack.auth
      .test()
      .then((r) => r.team_id)
      .catch((err) => {
        this.installedTeam = undefined;
        throw err;
      });
    return this.installedTeam;
  }

  private async describe(): Promise<{ text: string; final: boolean }> {
    if (this.source.usergroup) return { text: `members of <!subteam^${this.source.usergroup}>`, final: true };
    const channel = this.source.channel;
    // Bounded: a refusal waits for this before its ack.
    const name = await withTimeout(this.slack.conversations.info({ channel }), LOOKUP_BUDGET_MS)
      .then((r) => r.channel?.name)
      .catch(() => undefined);
    return name ? { text: `members of #${name}`, final: true } : { text: `members of <#${channel}>`, final: false };
  }
}
