// Integration harness: the real handoff (HTTP server, Bolt, BullMQ workers) on the suite's own
// PostgreSQL database and Redis prefix, with Slack, Shopify and the chat platforms as local fakes.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../src/config.js';
import { buildContainer, type Role, type Running, start, type Tuning } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';
import { PLATFORMS, type PlatformId, platformModule } from '../../src/platforms/list.js';
import { type FakeShopify, startFakeShopify } from '../fakes/shopify.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';
import { baseEnv } from './env.js';

/** A webhook secret per platform module, e.g. SECRETS.onwebchat = 'onwebchat-test-secret'. */
export const SECRETS = Object.fromEntries(PLATFORMS.map((p) => [p.id, `${p.id}-test-secret`])) as Record<PlatformId, string>;

export const SIGNING_SECRET = 'slack-test-signing-secret';
export const ESCALATION_CHANNEL = 'C0ESCALATE';
export const REPORT_CHANNEL = 'C0REPORTS1';

/**
 * The Slack users the suite's tests act as: members of the escalation channel, so agents (see
 * src/access). A test about outsiders uses an id not listed here, or sets its own members with
 * `slack.membership.setChannelMembers` before starting the harness.
 */
export const TEST_AGENTS = [
  'U0AGENT',
  'U0AGENT1',
  'U0AGENT2',
  'U0AGENT3',
  'U0AGENT01',
  'U0BOB',
  'U0KIM',
  'U0JANE',
  'U0NORA',
  'U0CUSTOM',
  'U0BOSS',
  'U0LEAD',
  'U0ABC123',
  'U0SHARER1',
  'U0SHARER2',
  'U0OTHER001',
  'U0NOBODY01',
  'U0MSGTAB01',
  'U0MINE0001',
  'U0HOMEVIEW',
  'U0HOMEBYST',
  'U0STRANGER',
];

export interface HarnessOptions {
  env?: Record<string, string | undefined>;
  tuning?: Tuning;
  role?: Role;
  /** Extra fakes' URLs etc. are passed through env. */
  slack?: FakeSlack;
  shopify?: FakeShopify;
}

export interface Harness {
  url: string;
  config: Config;
  /** The environment the config was read from (what another process needs to join this harness). */
  env: Record<string, string | undefined>;
  running: Running;
  slack: FakeSlack;
  shopify: FakeShopify;
  /** POST a body to /webhooks/<platform>, signed like the platform signs it. */
  webhook(platform: PlatformId, body: object | string, opts?: { secret?: string; headers?: Record<string, string> }): Promise<Response>;
  /** A platform's sample event body (deep copy), for tweaking. */
  sample(platform: PlatformId, event: string): Record<string, unknown>;
  /** POST a pre-signed request to a path. */
  post(path: string, req: { body: string; headers: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

/** Unique per call, under the suite's prefix (which the global teardown clears). */
export function uniquePrefix(): string {
  return `${inject('queuePrefix')}:${randomBytes(3).toString('hex')}`;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const slack = opts.slack ?? (await startFakeSlack());
  if (!slack.membership.hasChannel(ESCALATION_CHANNEL)) slack.membership.setChannelMembers(ESCALATION_CHANNEL, TEST_AGENTS);
  const shopify = opts.shopify ?? (await startFakeShopify());
  const shopifyCfg = shopify.config();
  const env = baseEnv({
    PORT: '0',
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: uniquePrefix(),
    SLACK_API_URL: slack.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL,
    SLACK_REPORT_CHANNEL: REPORT_CHANNEL,
    SHOPIFY_SHOP: shopifyCfg.shop,
    SHOPIFY_ADMIN_ACCESS_TOKEN: shopifyCfg.accessToken,
    SHOPIFY_API_VERSION: shopifyCfg.apiVersion,
    SHOPIFY_ADMIN_API_URL: shopifyCfg.adminApiUrl,
    OSCAR_WEBHOOK_SECRET: SECRETS.oscarchat,
    OSCAR_API_KEY: 'oscar-test-key',
    OSCAR_WORKSPACE_ID: 'ws_test',
    OSCAR_API_URL: 'http://127.0.0.1:9/v1',
    // Slack's real pace (1 post/s per channel) would make every suite wait; the pacing tests set
    // their own pace against the pacing fake.
    SLACK_POSTS_PER_SECOND: '20',
    SLACK_UPDATES_PER_MINUTE: '1000',
    // Two busy cores: a cold first Shopify call can take over the production 1 s budget.
    SHOPIFY_CARD_BUDGET_MS: '5000',
    ...opts.env,
  });
  const config = loadConfig(env);
  const tuning: Tuning = {
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    cardPostLeaseMs: 1500,
    lockDurationMs: 2000,
    backoffBaseMs: 100,
    // Test files share one database: a short stranded window would let one file's sweeper take
    // another file's deliveries. Sweeper tests use their own database and set these themselves.
    strandedAfterMs: 10 * 60_000,
    sweepEveryMs: 60_000,
    // Same reason for SLA reminders: they would remind other files' old unclaimed rows through
    // this harness's fake Slack. test/integration/sla.test.ts turns them on, on its own database.
    sla: false,
    ...opts.tuning,
  };
  const running = await start(buildContainer(config, tuning), opts.role ?? 'all');
  const url = running.port ? `http://127.0.0.1:${running.port}` : '';

  return {
    url,
    config,
    env,
    running,
    slack,
    shopify,
    async webhook(platform, body, o = {}) {
      const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const headers = { ...platformModule(platform).sign(raw, o.secret ?? SECRETS[platform]), ...o.headers };
      return fetch(`${url}/webhooks/${platform}`, { method: 'POST', body: raw, headers });
    },
    sample(platform, event) {
      const s = platformModule(platform).samples()[event];
      if (!s) throw new Error(`no ${platform} sample "${event}"`);
      return structuredClone(s.body) as Record<string, unknown>;
    },
    post(path, req) {
      return fetch(`${url}${path}`, { method: 'POST', body: req.body, headers: req.headers });
    },
    async stop() {
      await running.stop();
      if (!opts.slack) await slack.close();
      if (!opts.shopify) await shopify.close();
    },
  };
}

/** Poll until `fn` returns a truthy value (or throw after `timeoutMs`). */
type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 8000, everyMs = 25): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v as Truthy<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}

/** The environment a separate process needs to join this harness (same DB, Redis prefix, fakes, pace). */
export function processEnv(h: Harness): Record<string, string> {
  const c = h.config;
  return {
    DATABASE_URL: c.databaseUrl,
    REDIS_URL: c.redisUrl,
    QUEUE_PREFIX: c.queuePrefix,
    SLACK_BOT_TOKEN: c.slack.botToken,
    SLACK_SIGNING_SECRET: c.slack.signingSecret,
    SLACK_API_URL: c.slack.apiUrl,
    SLACK_ESCALATION_CHANNEL: c.slack.escalationChannel,
    SLACK_REPORT_CHANNEL: c.slack.reportChannel,
    SLACK_POSTS_PER_SECOND: String(c.slack.postsPerSecond ?? 1),
    SLACK_UPDATES_PER_MINUTE: String(c.slack.updatesPerMinute ?? 50),
    SHOPIFY_SHOP: c.shopify.shop,
    SHOPIFY_ADMIN_ACCESS_TOKEN: c.shopify.accessToken,
    SHOPIFY_API_VERSION: c.shopify.apiVersion,
    SHOPIFY_ADMIN_API_URL: c.shopify.adminApiUrl ?? '',
    SHOPIFY_CARD_BUDGET_MS: String(c.shopify.cardBudgetMs ?? 0),
    OSCAR_WEBHOOK_SECRET: c.platforms.oscarchat?.secrets.join(',') ?? '',
    OSCAR_API_KEY: c.platforms.oscarchat?.apiKey ?? '',
    OSCAR_WORKSPACE_ID: c.platforms.oscarchat?.workspaceId ?? '',
    OSCAR_API_URL: c.platforms.oscarchat?.apiUrl ?? '',
    LOG_LEVEL: 'silent',
  };
}

/** A handoff worker in its own process on this harness's database, Redis prefix and fakes. */
export async function forkWorker(h: Harness, tuning: Tuning = {}): Promise<ChildProcess> {
  const child = fork('test/helpers/worker-process.ts', {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(h.env).filter(([, v]) => v !== undefined)),
      LOG_LEVEL: 'silent',
      HANDOFF_TEST_TUNING: JSON.stringify(tuning),
    },
    stdio: 'ignore',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  return child;
}
