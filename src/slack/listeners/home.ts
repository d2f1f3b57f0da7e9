// The App Home tab (Slack surface: events): publish a user's Home when they open it.
import type { App } from '@slack/bolt';
import type { HomeTabs } from '../../commands/home.js';
import type { ListenerContext } from './ack.js';

export function register(app: App, c: Pick<ListenerContext, 'logger'> & { home: HomeTabs }): void {
  const log = c.logger.child({ feature: 'commands' });
  const { home } = c;

  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await home.opened(event.user, log).catch((err) => log.error({ err: (err as Error).message }, 'could not queue the Home tab'));
  });
}
