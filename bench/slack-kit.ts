// Shared by the Slack-facing benchmarks (actions, reply): a real handoff (HTTP, Bolt, BullMQ
// workers) on a scratch database, with Slack, Shopify and Oscar Chat as instant local fakes, and
// cards seeded through handoff's own publisher. DATABASE_URL / REDIS_URL as for the tests; creates
// handoff_bench_<random>, drops it afterwards, and deletes its Redis keys.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { withDatabase } from '../scripts/migrate/postgres.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, type Container, type Running, start, type Tuning } from '../src/container.js';
import type { Escalation } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createOscarApi } from '../src/platforms/oscarchat/api.js';
import { type OscarFake, startOscarFake } from '../test/fakes/oscar.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack.js';
import { baseEnv } from '../test/helpers/env.js';
import { deleteKeys } from './stats.js';

export const SIGNING_SECRET = 'bench-signing-secret';
export const CHANNEL = 'C0BENCH01';
export const AGENTS = 20;

export interface SlackBench {
  container: Container;
  running: Running;
  slack: FakeSlack;
  oscar: OscarFake;
  url: string;
  /** `n` Oscar Chat escalations with their cards posted. */
  seed(n: number): Promise<Escalation[]>;
  stop(): Promise<void>;
}

/**
 * Oscar's client-side budget (300 requests/minute, as the platform documents) is off unless
 * `oscarBudget`: with it, a burst is paced by the budget, not by handoff.
 */
export async function startSlackBench(opts: { oscarBudget?: boolean; tuning?: Tuning } = {}): Promise<SlackBench> {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, `handoff_bench_${id}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `handoff-bench-${id}`;
  await ensureDatabase(databaseUrl);
  // Block Kit validation in the fake costs more than handoff's own work: off, for an instant Slack.
  const slack = await startFakeSlack({ validateBlocks: false });
  const shopify = await startFakeShopify();
  const oscar = await startOscarFake({ apiKey: 'bench-oscar-key', workspaceId: 'ws_bench' });
  const cleanup = async () => {
    await Promise.all([slack.close(), shopify.close(), oscar.close()]);
    await Promise.allSettled([dropDatabase(databaseUrl), deleteKeys(redisUrl, prefix)]);
  };
  try {
    await migrateDeploy({ databaseUrl });
    for (let i = 0; i < AGENTS; i++) {
      const email = `agent${i}@bench.example`;
      slack.addUser({ id: `U0BENCH${i}`, name: `agent${i}`, real_name: `Agent ${i}`, email });
      oscar.agents.push({ id: `ag_${i}`, name: `Agent ${i}`, email });
    }
    const sc = shopify.config();
    const config = loadConfig(
      baseEnv({
        PORT: '0',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SLACK_API_URL: slack.url,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_ESCALATION_CHANNEL: CHANNEL,
        SHOPIFY_SHOP: sc.shop,
        SHOPIFY_ADMIN_ACCESS_TOKEN: sc.accessToken,
        SHOPIFY_API_VERSION: sc.apiVersion,
        SHOPIFY_ADMIN_API_URL: sc.adminApiUrl,
        OSCAR_WEBHOOK_SECRET: 'bench-oscar-secret',
        OSCAR_API_KEY: 'bench-oscar-key',
        OSCAR_WORKSPACE_ID: 'ws_bench',
        OSCAR_API_URL: oscar.url,
      }),
    );
    const container = buildContainer(config, { logger: createLogger('silent'), ...opts.tuning });
    const oscarCfg = config.platforms.oscarchat;
    if (!opts.oscarBudget && oscarCfg) container.platformApis.set('oscarchat', createOscarApi(oscarCfg, { rateLimit: false }));
    const running = await start(container, 'all');
    let made = 0;
    return {
      container,
      running,
      slack,
      oscar,
      url: `http://127.0.0.1:${running.port}`,
      async seed(n) {
        const out: Escalation[] = [];
        for (let i = 0; i < n; i++) {
          made += 1;
          const esc = await container.db.escalation.create({
            data: { platform: 'oscarchat', conversationId: `conv_bench_${id}_${made}`, customerName: 'Bench Customer' },
          });
          oscar.conversation(esc.conversationId);
          out.push(await container.cards.publish(esc.id));
        }
        return out;
      },
      async stop() {
        await running.stop();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
