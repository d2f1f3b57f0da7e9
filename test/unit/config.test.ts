import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { baseEnv } from '../helpers/env.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies SPEC defaults', () => {
    const c = loadConfig(baseEnv());
    expect(c.port).toBe(3000);
    expect(c.slack.apiUrl).toBe('https://slack.com/api/');
    expect(c.report).toEqual({ cron: '0 9 * * 1', timezone: 'UTC' });
    expect(c.labels).toEqual(['refund', 'shipping', 'billing', 'product', 'bug', 'vip']);
    expect(c.slaClaimMinutes).toBe(15);
    expect(c.rules.vipTotalSpent).toBe(1000);
    expect(c.openai).toBeUndefined();
    expect(c.platforms).toEqual({});
  });

  it('who may act and customer data: defaults and checks', () => {
    const c = loadConfig(baseEnv());
    expect(c.retentionDays).toBe(30);
    expect(c.metricsToken).toBeUndefined();
    expect(c.slack.agentUsergroup).toBeUndefined();
    expect(c.slack.shareChannels).toEqual(['C0ESCALATE']);
    const set = loadConfig(
      baseEnv({ SLACK_AGENT_USERGROUP: 'S0AGENTS1', SLACK_SHARE_CHANNELS: 'C0TEAM0001, C0ESCALATE', RETENTION_DAYS: '7', METRICS_TOKEN: 't' }),
    );
    expect(set.slack.agentUsergroup).toBe('S0AGENTS1');
    expect(set.slack.shareChannels).toEqual(['C0ESCALATE', 'C0TEAM0001']);
    expect(set.retentionDays).toBe(7);
    expect(set.metricsToken).toBe('t');
    const problems = problemsOf(baseEnv({ SLACK_AGENT_USERGROUP: '@agents', SLACK_SHARE_CHANNELS: '#general', RETENTION_DAYS: '0' })).join('\n');
    expect(problems).toContain('SLACK_AGENT_USERGROUP must be a Slack user group id');
    expect(problems).toContain('SLACK_SHARE_CHANNELS must be comma-separated Slack channel ids');
    expect(problems).toContain('RETENTION_DAYS');
  });

  it('names every problem in one error', () => {
    const problems = problemsOf({ PORT: 'abc', SLACK_ESCALATION_CHANNEL: '#support', REPORT_TIMEZONE: 'Mars/Olympus' });
    const text = problems.join('\n');
    for (const key of [
      'PORT',
      'DATABASE_URL',
      'REDIS_URL',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_ESCALATION_CHANNEL',
      'SLACK_REPORT_CHANNEL',
      'SHOPIFY_SHOP',
      'SHOPIFY_ADMIN_ACCESS_TOKEN',
      'REPORT_TIMEZONE',
    ]) {
      expect(text).toContain(key);
    }
    expect(text).toContain('channel id');
    expect(new ConfigError(problems).message).toMatch(/^handoff cannot start/);
  });

  it('reads the service-level settings: decimals, the urgent default of half, business hours', () => {
    const c = loadConfig(
      baseEnv({
        SLA_CLAIM_MINUTES: '0.5',
        SLA_ESCALATION_USERS: 'U0BOSS1, U0BOSS2',
        BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
        REPORT_TIMEZONE: 'Europe/Berlin',
        SLACK_AGENT_USERGROUP: 'S0AGENTS',
      }),
    );
    expect(c.sla).toMatchObject({ claimMinutes: 0.5, urgentClaimMinutes: 0.25, escalationUsers: ['U0BOSS1', 'U0BOSS2'], stormThreshold: 3 });
    expect(c.sla.firstReplyMinutes).toBeUndefined();
    expect(c.sla.hours?.zone).toBe('Europe/Berlin');
    expect(c.slack.agentUsergroup).toBe('S0AGENTS');
    expect(loadConfig(baseEnv({ SLA_URGENT_CLAIM_MINUTES: '10' })).sla.urgentClaimMinutes).toBe(10);
    expect(loadConfig(baseEnv()).sla).toMatchObject({ claimMinutes: 15, urgentClaimMinutes: 7.5, hours: undefined });
  });

  it('names every malformed service-level setting', () => {
    const text = problemsOf(
      baseEnv({
        SLA_CLAIM_MINUTES: '0',
        SLA_FIRST_REPLY_MINUTES: 'soon',
        SLA_ESCALATION_USERS: '@boss',
        BUSINESS_HOURS: 'weekdays 9-5',
        SLACK_AGENT_USERGROUP: 'agents',
      }),
    ).join('\n');
    for (const key of ['SLA_CLAIM_MINUTES', 'SLA_FIRST_REPLY_MINUTES', 'SLA_ESCALATION_USERS', 'BUSINESS_HOURS', 'SLACK_AGENT_USERGROUP'])
      expect(text).toContain(key);
  });

  it('refuses an unedited copy of .env.example, naming every placeholder in one message', () => {
    const example = parseDotenv(readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8'));
    let error: unknown;
    try {
      loadConfig(example);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.sort()).toEqual(
      [
        'SHOPIFY_ADMIN_ACCESS_TOKEN',
        'SHOPIFY_SHOP',
        'SLACK_BOT_TOKEN',
        'SLACK_ESCALATION_CHANNEL',
        'SLACK_REPORT_CHANNEL',
        'SLACK_SIGNING_SECRET',
      ].map((key) => `${key} is still the example value from .env.example; put your real value in .env`),
    );
    expect(message.split('\n')).toHaveLength(7);
  });

  it('lists placeholders together with other problems', () => {
    const text = problemsOf(baseEnv({ SLACK_BOT_TOKEN: 'xoxb-your-bot-token', PORT: 'abc' })).join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/SLACK_BOT_TOKEN is still the example value/);
    // A real value that merely resembles the example is fine.
    expect(() => loadConfig(baseEnv({ SLACK_ESCALATION_CHANNEL: 'C0123456780' }))).not.toThrow();
  });

  it('enables a platform by its secret and splits rotated secrets', () => {
    const c = loadConfig(
      baseEnv({ GENERIC_WEBHOOK_SECRET: 'new-secret, old-secret', CHATDATA_WEBHOOK_SECRET: 'cd' }),
    );
    expect(c.platforms.generic?.secrets).toEqual(['new-secret', 'old-secret']);
    expect(c.platforms.chatdata?.secrets).toEqual(['cd']);
    expect(c.platforms.oscarchat).toBeUndefined();
  });

  it('requires the Oscar API key and workspace when Oscar is enabled', () => {
    const problems = problemsOf(baseEnv({ OSCAR_WEBHOOK_SECRET: 's' }));
    expect(problems.join('\n')).toMatch(/OSCAR_API_KEY is required/);
    expect(problems.join('\n')).toMatch(/OSCAR_WORKSPACE_ID is required/);
    const c = loadConfig(baseEnv({ OSCAR_WEBHOOK_SECRET: 's', OSCAR_API_KEY: 'k', OSCAR_WORKSPACE_ID: 'ws_1' }));
    expect(c.platforms.oscarchat).toMatchObject({ apiUrl: 'https://api.oscarchat.ai/v1', appUrl: 'https://app.oscarchat.ai' });
  });

  it('rejects malformed values with a hint', () => {
    const problems = problemsOf(
      baseEnv({ SHOPIFY_SHOP: 'https://my-store.com', SLACK_BOT_TOKEN: 'abc', SLA_CLAIM_MINUTES: '-1', REPORT_CRON: 'weekly' }),
    );
    const text = problems.join('\n');
    expect(text).toMatch(/SHOPIFY_SHOP must look like your-store.myshopify.com/);
    expect(text).toMatch(/SLACK_BOT_TOKEN must be a Slack bot token/);
    expect(text).toMatch(/SLA_CLAIM_MINUTES/);
    expect(text).toMatch(/REPORT_CRON/);
  });

  it('checks the report cron and the label set the way Slack and the scheduler will', () => {
    for (const bad of ['99 9 * * 1', 'a b c d e', '0 0 9 * * 1 2026']) {
      expect(problemsOf(baseEnv({ REPORT_CRON: bad })).join('\n')).toMatch(/REPORT_CRON must be a cron pattern/);
    }
    expect(loadConfig(baseEnv({ REPORT_CRON: '30 8 * * 1-5' })).report.cron).toBe('30 8 * * 1-5');
    expect(problemsOf(baseEnv({ ESCALATION_LABELS: `ok,${'x'.repeat(76)}` })).join('\n')).toMatch(/at most 75 characters/);
    const many = Array.from({ length: 101 }, (_, i) => `l${i}`).join(',');
    expect(problemsOf(baseEnv({ ESCALATION_LABELS: many })).join('\n')).toMatch(/at most 100 labels/);
  });

  it('turns on AI only with a key', () => {
    const c = loadConfig(baseEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }));
    expect(c.openai).toEqual({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini' });
  });
});
