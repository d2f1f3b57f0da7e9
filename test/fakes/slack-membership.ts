// Membership for the Slack fake: who is in which channel and user group, served the way Slack
// documents it. conversations.members pages with `limit` (default 100, max 1000) and
// `response_metadata.next_cursor` ("" on the last page); usergroups.users.list is not paginated
// (one answer lists every member). Kept apart from slack.ts so it merges cleanly.

/** Thrown by a handler to answer `{ok: false, error}`; the fake turns it into Slack's answer. */
export class MembershipError extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

export class FakeSlackMembership {
  private readonly channels = new Map<string, string[]>();
  private readonly groups = new Map<string, string[]>();

  setChannelMembers(channel: string, userIds: string[]): void {
    this.channels.set(channel, [...new Set(userIds)]);
  }

  hasChannel(channel: string): boolean {
    return this.channels.has(channel);
  }

  addToChannel(channel: string, ...userIds: string[]): void {
    this.setChannelMembers(channel, [...(this.channels.get(channel) ?? []), ...userIds]);
  }

  removeFromChannel(channel: string, userId: string): void {
    this.setChannelMembers(
      channel,
      (this.channels.get(channel) ?? []).filter((u) => u !== userId),
    );
  }

  setGroupMembers(usergroup: string, userIds: string[]): void {
    this.groups.set(usergroup, [...new Set(userIds)]);
  }

  readonly handlers: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'conversations.members': (args) => {
      const channel = typeof args.channel === 'string' ? args.channel : '';
      const members = this.channels.get(channel);
      if (!members) throw new MembershipError('channel_not_found');
      const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 1000);
      const start = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString().replace('offset:', '')) : 0;
      if (!Number.isInteger(start) || start < 0) throw new MembershipError('invalid_cursor');
      const page = members.slice(start, start + limit);
      const next = start + limit < members.length ? Buffer.from(`offset:${start + limit}`).toString('base64') : '';
      return { members: page, response_metadata: { next_cursor: next } };
    },
    'usergroups.users.list': (args) => {
      const group = typeof args.usergroup === 'string' ? args.usergroup : '';
      const users = this.groups.get(group);
      if (!users) throw new MembershipError('no_such_subteam');
      return { users };
    },
  };
}
