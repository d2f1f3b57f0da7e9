// A complete, valid environment for tests; override what a test is about.
export function baseEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
    REDIS_URL: 'redis://127.0.0.1:6379',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_ESCALATION_CHANNEL: 'C0ESCALATE',
    SLACK_REPORT_CHANNEL: 'C0REPORTS1',
    SHOPIFY_SHOP: 'handoff-test.myshopify.com',
    SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_test',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}
