// Who a Slack user is (name, email), from users.info with a short cache.
import type { WebClient } from '@slack/web-api';
import type { PeopleDirectory, SlackPerson } from '../actions/agents.js';
import { PermanentError } from '../errors.js';
import { slackCall } from './client.js';

/** users.info with a short cache: a burst of actions by one agent costs one call. */
export class SlackDirectory implements PeopleDirectory {
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
