// The Bolt app on handoff's shared Express receiver. Listeners are registered per Slack surface
// by their own modules (actions, commands, events), each with `register(app, deps)`.
import { App, type Authorize, type ExpressReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { boltLogger } from './bolt-logger.js';

export function createBoltApp(cfg: Config['slack'], receiver: ExpressReceiver, logger: Logger): App {
  const boltLog = boltLogger(logger);
  const clientOptions = { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLog };
  const app = new App({
    authorize: cachedBotAuthorize(new WebClient(cfg.botToken, clientOptions), cfg.botToken),
    receiver,
    logger: boltLog,
    clientOptions,
  });
  // A listener that throws is logged here (pino, redacted), never printed by Bolt's console default.
  app.error(async (error) => {
    logger.error({ err: { type: error.name, code: error.code, message: error.message } }, 'Slack listener failed');
  });
  return app;
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
