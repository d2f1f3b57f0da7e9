// The Bolt app on handoff's shared Express receiver. Listeners are registered per Slack surface
// by their own modules (actions, commands, events), each with `register(app, deps)`.
import { App, type ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Config } from '../config.js';

export function createBoltApp(cfg: Config['slack'], receiver: ExpressReceiver): App {
  return new App({
    token: cfg.botToken,
    receiver,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: cfg.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
  });
}
