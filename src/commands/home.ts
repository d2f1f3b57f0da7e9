// Keeping App Home tabs current. A tab is published when its user opens it (app_home_opened) and
// again whenever an escalation changes, for the users it concerns and for everyone who opened
// Home recently (the unclaimed queue and the figures are shared). All publishing goes through
// the queue, one job per user, deduplicated so a burst of card changes costs one views.publish.
import type { Container } from '../container.js';
import type { Logger } from '../logger.js';
import { isSlackUserId } from '../slack/blocks/text.js';
import { slackCall } from '../slack/client.js';
import { HOME_ROWS, homeView, noAccessHomeView } from './blocks/home.js';
import { enqueueWithin } from './budget.js';
import { openQueue, weekFigures } from './open-escalations.js';

/** Someone who opened Home this recently still gets live refreshes. Opening it refreshes anyway. */
export const RECENT_VIEWER_MS = 30 * 60_000;
/** Bound on live refreshes per change (views.publish is rate limited per workspace). */
export const MAX_LIVE_VIEWERS = 100;
/** Changes within this window share one publish per user. */
export const CHANGE_DEBOUNCE_MS = 250;
/** app_home_opened is acked before the listener runs; this only bounds a wait for a dead Redis. */
const OPENED_ENQUEUE_BUDGET_MS = 1500;

export class HomeTabs {
  constructor(private readonly c: Pick<Container, 'config' | 'producer' | 'producerRedis' | 'db' | 'slack' | 'cards' | 'agents'>) {}

  private get viewersKey(): string {
    return `${this.c.config.queuePrefix}:home:viewers`;
  }

  /** The user opened the Home tab: remember them for live refreshes and publish now. */
  async opened(userId: string, log: Logger): Promise<void> {
    const now = Date.now();
    try {
      await this.c.producerRedis.multi().zadd(this.viewersKey, now, userId).pexpire(this.viewersKey, RECENT_VIEWER_MS).exec();
    } catch (err) {
      // Only live refreshes depend on this; the publish below still happens.
      log.warn({ err: (err as Error).message }, 'could not record Home viewer');
    }
    // Bounded, like every enqueue made where nobody can retry it: a Redis outage must not leave
    // this listener waiting for a reconnect.
    await enqueueWithin(this.c, OPENED_ENQUEUE_BUDGET_MS, () => this.schedule(userId, 0));
  }

  /** Users whose Home tab an escalation change should refresh. */
  async audience(concerned: string[]): Promise<string[]> {
    const cutoff = Date.now() - RECENT_VIEWER_MS;
    await this.c.producerRedis.zremrangebyscore(this.viewersKey, '-inf', cutoff);
    const recent = await this.c.producerRedis.zrevrange(this.viewersKey, 0, MAX_LIVE_VIEWERS - 1);
    return [...new Set([...concerned, ...recent])].filter((u) => isSlackUserId(u));
  }

  async changed(concerned: string[]): Promise<number> {
    const users = await this.audience(concerned);
    for (const userId of users) await this.schedule(userId, CHANGE_DEBOUNCE_MS);
    return users.length;
  }

  /**
   * One pending publish per user: while one waits, more requests add nothing (it will read the
   * latest state when it runs); while one runs, the last request is kept and runs after it, so a
   * change that lands mid-publish is never lost.
   */
  schedule(userId: string, delayMs: number): Promise<string | undefined> {
    return this.c.producer.enqueue(
      'home.publish',
      { userId },
      { delay: delayMs, deduplication: { id: `home:${userId}`, keepLastIfActive: true } },
    );
  }

  /** A non-agent opened Home: say who may act; never recorded for live refreshes. */
  async publishNoAccess(userId: string): Promise<void> {
    const view = noAccessHomeView(await this.c.agents.whoMayAct());
    await slackCall(() => this.c.slack.views.publish({ user_id: userId, view }));
  }

  async publish(userId: string, now = new Date()): Promise<void> {
    const { db, config, slack, cards } = this.c;
    // Checked again where the queue is read: membership may have changed since Home was opened.
    if (!(await this.c.agents.isAgent(userId))) return this.publishNoAccess(userId);
    const [mine, unclaimed, week] = await Promise.all([
      openQueue(db, 'mine', userId, HOME_ROWS),
      openQueue(db, 'unclaimed', userId, HOME_ROWS),
      weekFigures(db, config.report.timezone, now),
    ]);
    const view = homeView(
      { mine, unclaimed, week, timezone: config.report.timezone },
      { now, platformName: (p) => cards.platformName(p) },
    );
    await slackCall(() => slack.views.publish({ user_id: userId, view }));
  }
}
