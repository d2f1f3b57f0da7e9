import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { ALL_PLATFORMS, createAdapters, isPlatformId } from '../../../src/platforms/registry.js';
import { PLATFORM_SAMPLES, signedSample } from '../../../src/platforms/samples.js';

const BASE_ENV = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'slack-signing-secret',
  SLACK_ESCALATION_CHANNEL: 'C0ESCALATE',
  SLACK_REPORT_CHANNEL: 'C0123456780',
  SHOPIFY_SHOP: 'test-store.myshopify.com',
  SHOPIFY_ADMIN_ACCESS_TOKEN: 'shpat_test',
};

describe('platform registry', () => {
  it('lists every platform once', () => {
    expect([...ALL_PLATFORMS].sort()).toEqual(['chatdata', 'generic', 'onwebchat', 'oscarchat', 'shopguide']);
    expect(isPlatformId('onwebchat')).toBe(true);
    expect(isPlatformId('intercom')).toBe(false);
  });

  it('enables only the platforms whose webhook secret is set', () => {
    const config = loadConfig({ ...BASE_ENV, ONWEBCHAT_WEBHOOK_SECRET: 'a', GENERIC_WEBHOOK_SECRET: 'b' });
    expect([...createAdapters(config).keys()].sort()).toEqual(['generic', 'onwebchat']);
    expect(createAdapters(loadConfig(BASE_ENV)).size).toBe(0);
  });

  it('builds all five from a full configuration, each keyed by its own id', () => {
    const config = loadConfig({
      ...BASE_ENV,
      OSCAR_WEBHOOK_SECRET: 'o1,o2',
      OSCAR_API_KEY: 'k',
      OSCAR_WORKSPACE_ID: 'ws',
      ONWEBCHAT_WEBHOOK_SECRET: 'w',
      SHOPGUIDE_WEBHOOK_SECRET: 's',
      SHOPGUIDE_API_KEY: 'k',
      CHATDATA_WEBHOOK_SECRET: 'c',
      GENERIC_WEBHOOK_SECRET: 'g',
    });
    const adapters = createAdapters(config);
    expect([...adapters.keys()].sort()).toEqual([...ALL_PLATFORMS].sort());
    for (const [id, adapter] of adapters) expect(adapter.id).toBe(id);
  });

  it('uses the comma-separated secrets from the environment (rotation)', () => {
    const config = loadConfig({ ...BASE_ENV, CHATDATA_WEBHOOK_SECRET: 'old-secret, new-secret' });
    const adapter = createAdapters(config).get('chatdata');
    for (const secret of ['old-secret', 'new-secret']) {
      const { raw, headers } = signedSample('chatdata', 'live-chat-escalation', secret);
      expect(adapter?.verify(raw, headers)).toEqual({ ok: true });
    }
  });
});

describe('signedSample (for handoff simulate)', () => {
  it('signs every sample of every platform so its adapter accepts it', () => {
    const config = loadConfig({
      ...BASE_ENV,
      OSCAR_WEBHOOK_SECRET: 'sim',
      OSCAR_API_KEY: 'k',
      OSCAR_WORKSPACE_ID: 'ws',
      ONWEBCHAT_WEBHOOK_SECRET: 'sim',
      SHOPGUIDE_WEBHOOK_SECRET: 'sim',
      SHOPGUIDE_API_KEY: 'k',
      CHATDATA_WEBHOOK_SECRET: 'sim',
      GENERIC_WEBHOOK_SECRET: 'sim',
    });
    const adapters = createAdapters(config);
    for (const platform of ALL_PLATFORMS) {
      for (const event of Object.keys(PLATFORM_SAMPLES[platform].samples())) {
        const { raw, headers } = signedSample(platform, event, 'sim');
        const adapter = adapters.get(platform);
        expect(adapter?.verify(raw, headers), `${platform} ${event}`).toEqual({ ok: true });
        expect(adapter?.envelope(JSON.parse(raw.toString('utf8')), headers).eventType).toBe(event);
      }
    }
  });

  it('names the known events when asked for one that does not exist', () => {
    expect(() => signedSample('oscarchat', 'nope', 's')).toThrow(/bot\.escalated/);
  });
});
