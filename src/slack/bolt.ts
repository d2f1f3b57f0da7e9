// The Bolt app on handoff's shared Express receiver. Listeners are registered per Slack surface
// by their own modules (actions, commands, events), each with `register(app, deps)`.
import { App, type Authorize, type ExpressReceiver, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';

export function createBoltApp(cfg: Config['slack'], receiver: ExpressReceiver): App {
  const clientOptions = { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  return new App({
    authorize: cachedBotAuthorize(new WebClient(cfg.botToken, clientOptions), cfg.botToken),
    receiver,
    logLevel: LogLevel.WARN,
    clientOptions,
  });
}

/**
 * Bolt's own token mode calls auth.test once at construction and crashes the process on an
 * unhandled rejection if Slack is unreachable at that moment. This asks on the first request
 * instead, caches the answer, and asks again on the next request if it failed.
 */
export function cachedBotAuthorize(client: WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string; enterpriseId?: string }> | undefined;
  return async () => {
    identity ??= client.auth
      .test()
      .then((r) => ({ botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id, enterpriseId: r.enterprise_id }))
      .catch((err) => {
        identity = undefined;
        throw err;
      });
    return { botToken, ...(await identity) };
  };
}
