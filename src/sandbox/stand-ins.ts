// The sandbox's stand-ins for Slack, Shopify, Oscar Chat and ShopGuide: the same local HTTP fakes
// the integration tests use (test/fakes), speaking each service's wire format, seeded with demo
// data. handoff's real clients (Bolt's WebClient, the Shopify API client, the platform APIs) talk
// to them through the URLs in `env`, exactly as they talk to the real services.
import { type OscarFake, startOscarFake } from '../../test/fakes/oscar.js';
import { type ShopGuideFake, startShopGuideFake } from '../../test/fakes/shopguide.js';
import { type FakeShopify, startFakeShopify } from '../../test/fakes/shopify.js';
import { type FakeSlack, startFakeSlack } from '../../test/fakes/slack.js';
import { PLATFORMS, type PlatformId } from '../platforms/list.js';
import { SANDBOX_USERS, seedOscar, seedShopGuide, seedShopify } from './seed.js';

export const SANDBOX_CHANNEL = 'C0SANDBOX01';
export const SANDBOX_REPORT_CHANNEL = 'C0SANDBOX02';
export const SANDBOX_SIGNING_SECRET = 'sandbox-slack-signing-secret';
const SLACK_TOKEN = 'xoxb-sandbox-bot-token';
const OSCAR = { apiKey: 'sandbox-oscar-key', workspaceId: 'ws_sandbox' };
const SHOPGUIDE_KEY = 'sandbox-shopguide-key';

/** The webhook secret of every platform in the sandbox: every registered platform is enabled. */
export const SANDBOX_SECRETS = Object.fromEntries(PLATFORMS.map((p) => [p.id, `sandbox-${p.id}-secret`])) as Record<PlatformId, string>;

export interface StandIns {
  slack: FakeSlack;
  shopify: FakeShopify;
  oscar: OscarFake;
  shopguide: ShopGuideFake;
  /** The environment that points handoff at the stand-ins. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startStandIns(): Promise<StandIns> {
  const slack = await startFakeSlack({ token: SLACK_TOKEN, users: SANDBOX_USERS, teamId: 'T0SANDBOX' });
  const shopify = await startFakeShopify({ shop: 'sandbox-store.myshopify.com', token: 'shpat_sandbox' });
  const oscar = await startOscarFake(OSCAR);
  const shopguide = await startShopGuideFake({ apiKey: SHOPGUIDE_KEY });
  // The demo people are the escalation channel's members, so they are agents (see "Who may act").
  slack.membership.setChannelMembers(SANDBOX_CHANNEL, SANDBOX_USERS.map((u) => u.id));
  seedShopify(shopify);
  seedOscar(oscar);
  seedShopGuide(shopguide);
  const shop = shopify.config();

  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SANDBOX_SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    SLACK_ESCALATION_CHANNEL: SANDBOX_CHANNEL,
    SLACK_REPORT_CHANNEL: SANDBOX_REPORT_CHANNEL,
    SHOPIFY_SHOP: shop.shop,
    SHOPIFY_ADMIN_ACCESS_TOKEN: shop.accessToken,
    SHOPIFY_API_VERSION: shop.apiVersion,
    SHOPIFY_ADMIN_API_URL: shop.adminApiUrl,
    // Every platform's webhook secret, by its module; the two with an API get their stand-in below.
    ...Object.fromEntries(PLATFORMS.map((p) => [p.signature.secretEnv, SANDBOX_SECRETS[p.id]])),
    OSCAR_API_KEY: OSCAR.apiKey,
    OSCAR_WORKSPACE_ID: OSCAR.workspaceId,
    OSCAR_API_URL: oscar.url,
    SHOPGUIDE_API_KEY: SHOPGUIDE_KEY,
    SHOPGUIDE_API_URL: shopguide.url,
  };
  return {
    slack,
    shopify,
    oscar,
    shopguide,
    env,
    async close() {
      await Promise.allSettled([slack.close(), shopify.close(), oscar.close(), shopguide.close()]);
    },
  };
}
