// The App Home tab (Slack surface: events): publish a user's Home when they open it.
import type { App } from '@slack/bolt';
import type { HomeTabs } from '../../commands/home.js';
import type { ListenerContext } from './ack.js';

export function register(app: App, c: Pick<ListenerContext, 'logger'> & { home: HomeTabs }): void {
  const log = c.logger.child({ feature: 'commands' });
  const { home } = c;

  app.event('app_home_opened', async ({ event, context }) => {
    if (event.tab !== 'home') return;
    // context.isAgent is set by the access middleware (src/access): a non-agent sees no queue.
    if (context.isAgent === false)
      return home.publishNoAccess(event.user).catch((err) => log.warn({ err: (err as Error).message }, 'could not publish Home'));
    await home.opened(event.user, log).catch((err) => log.error({ err: (err as Error).message }, 'could not queue the Home tab'));
  });
}
