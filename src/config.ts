// The only reader of process.env. Everything else receives a Config (or a slice of it) as an
// argument, so tests build configs directly instead of mutating the environment.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { csv, int, minutes, optionalCsv, optionalMinutes, optionalString, optionalUrl, slackUserIds, url } from './config-fields.js';
import { PLATFORMS, type PlatformConfigs } from './platforms/list.js';
import type { PlatformModule } from './platforms/module.js';
import { parseBusinessHours } from './sla/hours.js';
import type { SlaPolicy } from './sla/policy.js';
import { placeholderProblems } from './config-placeholders.js';

const slackChannel = z
  .string({ message: 'is required (a Slack channel id like C0123456789)' })
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123456789 (not a #name)');

/** Every platform module's own environment variables (src/platforms/<id>/index.ts). */
const platformEnv: z.ZodRawShape = Object.assign({}, ...PLATFORMS.map((p) => p.settings.env));

export const envSchema = z
  .object({
    NODE_ENV: z.string().default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PORT: int(3000, 0),
    DATABASE_URL: z
      .string({ message: 'is required (postgresql://user@host:5432/db)' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
    REDIS_URL: z
      .string({ message: 'is required (redis://host:6379)' })
      .regex(/^rediss?:\/\//, 'must be a redis:// URL'),
    /** At start, how long to wait for PostgreSQL and Redis to answer before exiting with a clear message. */
    STARTUP_WAIT_SECONDS: int(30, 0),
    /** Prefix for every BullMQ key, so tests and several deployments can share one Redis. */
    QUEUE_PREFIX: z.string().default('handoff'),
    /** Most webhooks kept and queued together in one commit (1 = one at a time). */
    INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(1000).default(256),
    /** Batches written at once; a webhook waits for a batch only while all of these are busy. One
     * at a time measured best on a 2-core machine with a busy disk (fewer, larger commits). */
    INGEST_CONCURRENT_FLUSHES: z.coerce.number().int().min(1).max(8).default(1),

    SLACK_BOT_TOKEN: z
      .string({ message: 'is required (the bot token, xoxb-...)' })
      .regex(/^xox[bp]-/, 'must be a Slack bot token (xoxb-...)'),
    SLACK_SIGNING_SECRET: z.string({ message: 'is required (Basic Information > Signing Secret)' }).min(8),
    SLACK_API_URL: url('Slack Web API base').default('https://slack.com/api/'),
    SLACK_ESCALATION_CHANNEL: slackChannel,
    SLACK_REPORT_CHANNEL: slackChannel,
    /** handoff's own pace, across all its processes: chat.postMessage per channel per second. */
    SLACK_POSTS_PER_SECOND: z.coerce.number().positive().max(50).default(1),
    /** chat.update per minute for the workspace (Slack's Tier 3 is 50+). */
    SLACK_UPDATES_PER_MINUTE: z.coerce.number().positive().max(1000).default(50),
    /** Jobs each worker process runs at once per queue (they mostly wait on Slack, Shopify, the platforms). */
    WORKER_CONCURRENCY: int(20, 1),

    SHOPIFY_SHOP: z
      .string({ message: 'is required (your-store.myshopify.com)' })
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must look like your-store.myshopify.com'),
    SHOPIFY_ADMIN_ACCESS_TOKEN: z.string({ message: 'is required (a custom app Admin API token, shpat_...)' }).min(1),
    SHOPIFY_API_VERSION: z
      .string()
      .regex(/^\d{4}-\d{2}$|^unstable$/, 'must be an API version like 2025-01')
      .default('2025-01'),
    SHOPIFY_ADMIN_API_URL: optionalUrl('Admin API origin override'),
    /** Total spent above which a customer counts as VIP. */
    VIP_TOTAL_SPENT: z.coerce.number().min(0).default(1000),
    /** How long a new card waits for Shopify before it goes out without the orders. */
    SHOPIFY_CARD_BUDGET_MS: int(1000, 0),

    /** chat.rated at or below this escalates. */
    LOW_RATING_THRESHOLD: int(2, 0),
    ...platformEnv,

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl('OpenAI-compatible API base'),
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),

    REPORT_CRON: z
      .string()
      .refine(isCron, 'must be a cron pattern like "0 9 * * 1" (minute hour day month weekday)')
      .default('0 9 * * 1'),
    REPORT_TIMEZONE: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone like Europe/Berlin')
      .default('UTC'),
    ESCALATION_LABELS: csv
      .refine((labels) => labels.length <= 100, 'may list at most 100 labels (a Slack picker holds 100 options)')
      .refine((labels) => labels.every((l) => l.length <= 75), 'labels must be at most 75 characters each (Slack option limit)')
      .default(['refund', 'shipping', 'billing', 'product', 'bug', 'vip']),
    URGENT_KEYWORDS: csv.default(['refund', 'fraud', 'hack', 'lawsuit', 'cancel subscription', 'charge']),
    SLA_CLAIM_MINUTES: minutes.default(15),
    /** Claim deadline for urgent and VIP escalations; default half of SLA_CLAIM_MINUTES. */
    SLA_URGENT_CLAIM_MINUTES: optionalMinutes,
    /** Claimed -> first agent reply to the customer; unset: no first-reply reminder. */
    SLA_FIRST_REPLY_MINUTES: optionalMinutes,
    SLA_ESCALATION_USERS: slackUserIds,
    /** More claim reminders than this due together become one summary message. */
    SLA_STORM_THRESHOLD: int(3, 1),
    /** Checked here for its shape; read in REPORT_TIMEZONE by toConfig. */
    BUSINESS_HOURS: optionalString.superRefine((text, ctx) => {
      if (text === undefined) return;
      try {
        parseBusinessHours(text, 'UTC');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `${(err as Error).message} (e.g. "Mon-Fri 09:00-17:00")` });
      }
    }),

    /** Who may act: this user group's members when set, else the escalation channel's members. */
    SLACK_AGENT_USERGROUP: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id like S0123456789 (not a @handle)').optional(),
    ),
    /** Channels besides the escalation channel where an /order answer may be shared. */
    SLACK_SHARE_CHANNELS: optionalCsv.refine(
      (ids) => (ids ?? []).every((id) => /^[CG][A-Z0-9]{2,}$/.test(id)),
      'must be comma-separated Slack channel ids like C0123456789',
    ),
    RETENTION_DAYS: int(30, 1),
    METRICS_TOKEN: optionalString,
  })
  .superRefine((env, ctx) => {
    for (const p of PLATFORMS as readonly PlatformModule[]) {
      for (const { key, message } of p.settings.problems?.(env) ?? []) {
        ctx.addIssue({ code: 'custom', path: [key], message });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parsed with cron-parser, the library BullMQ's job scheduler uses, so what passes here runs there. */
function isCron(pattern: string): boolean {
  const fields = pattern.trim().split(/\s+/).length;
  if (fields < 5 || fields > 6) return false;
  try {
    CronExpressionParser.parse(pattern);
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type { PlatformId } from './platforms/list.js';

export interface Config {
  env: string;
  logLevel: Env['LOG_LEVEL'];
  port: number;
  databaseUrl: string;
  redisUrl: string;
  startupWaitSeconds: number;
  queuePrefix: string;
  ingest: { maxBatch: number; maxFlushes: number };
  slack: {
    botToken: string;
    signingSecret: string;
    apiUrl: string;
    escalationChannel: string;
    reportChannel: string;
    /** handoff's Slack pace (unset: Slack's published limits, 1 post/s per channel, 50 updates/min). */
    postsPerSecond?: number;
    updatesPerMinute?: number;
    /** Who may act (see src/access): the user group when set, else the escalation channel's members; SLA reminders mention it. */
    agentUsergroup?: string;
    /** Where an /order answer may be shared: the escalation channel plus these. */
    shareChannels: string[];
  };
  shopify: {
    shop: string;
    accessToken: string;
    apiVersion: string;
    adminApiUrl?: string;
    /** How long a new card waits for Shopify (ms); unset: no limit. */
    cardBudgetMs?: number;
  };
  workerConcurrency: number;
  rules: {
    urgentKeywords: string[];
    vipTotalSpent: number;
    lowRatingThreshold: number;
  };
  platforms: PlatformConfigs;
  openai?: { apiKey: string; baseUrl?: string; model: string };
  report: { cron: string; timezone: string };
  labels: string[];
  slaClaimMinutes: number;
  retentionDays: number;
  metricsToken?: string;
  /** Service levels: deadlines (see src/sla/policy.ts), who is told, storm threshold. */
  sla: SlaPolicy & { escalationUsers: string[]; stormThreshold: number };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`handoff cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse an environment (process.env by default) into a Config, or throw one ConfigError naming every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  // Checked beside the schema, not in a refinement, so they are listed even when other settings fail.
  const placeholders = placeholderProblems(source).map(({ key, message }) => `${key} ${message}`);
  if (!parsed.success || placeholders.length) {
    const problems = (parsed.error?.issues ?? []).map((i) => {
      const key = i.path.join('.') || '(environment)';
      const message = i.code === 'invalid_type' && source[key] === undefined ? requiredMessage(i.message) : i.message;
      return `${key} ${message}`;
    });
    throw new ConfigError([...problems, ...placeholders]);
  }
  return toConfig(parsed.data);
}

function requiredMessage(message: string): string {
  return message.startsWith('is required') ? message : 'is required';
}

function toConfig(e: Env): Config {
  const platforms: Record<string, unknown> = {};
  for (const p of PLATFORMS as readonly PlatformModule[]) {
    const cfg = p.settings.read(e);
    if (cfg) platforms[p.id] = cfg;
  }

  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    startupWaitSeconds: e.STARTUP_WAIT_SECONDS,
    queuePrefix: e.QUEUE_PREFIX,
    ingest: { maxBatch: e.INGEST_BATCH_MAX, maxFlushes: e.INGEST_CONCURRENT_FLUSHES },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      escalationChannel: e.SLACK_ESCALATION_CHANNEL,
      reportChannel: e.SLACK_REPORT_CHANNEL,
      postsPerSecond: e.SLACK_POSTS_PER_SECOND,
      updatesPerMinute: e.SLACK_UPDATES_PER_MINUTE,
      agentUsergroup: e.SLACK_AGENT_USERGROUP,
      shareChannels: [...new Set([e.SLACK_ESCALATION_CHANNEL, ...(e.SLACK_SHARE_CHANNELS ?? [])])],
    },
    shopify: {
      shop: e.SHOPIFY_SHOP,
      accessToken: e.SHOPIFY_ADMIN_ACCESS_TOKEN,
      apiVersion: e.SHOPIFY_API_VERSION,
      adminApiUrl: e.SHOPIFY_ADMIN_API_URL?.replace(/\/$/, ''),
      cardBudgetMs: e.SHOPIFY_CARD_BUDGET_MS,
    },
    workerConcurrency: e.WORKER_CONCURRENCY,
    rules: {
      urgentKeywords: e.URGENT_KEYWORDS.map((k) => k.toLowerCase()),
      vipTotalSpent: e.VIP_TOTAL_SPENT,
      lowRatingThreshold: e.LOW_RATING_THRESHOLD,
    },
    platforms: platforms as PlatformConfigs,
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL }
      : undefined,
    report: { cron: e.REPORT_CRON, timezone: e.REPORT_TIMEZONE },
    labels: e.ESCALATION_LABELS,
    slaClaimMinutes: e.SLA_CLAIM_MINUTES,
    retentionDays: e.RETENTION_DAYS,
    metricsToken: e.METRICS_TOKEN,
    sla: {
      claimMinutes: e.SLA_CLAIM_MINUTES,
      urgentClaimMinutes: e.SLA_URGENT_CLAIM_MINUTES ?? e.SLA_CLAIM_MINUTES / 2,
      firstReplyMinutes: e.SLA_FIRST_REPLY_MINUTES,
      hours: e.BUSINESS_HOURS ? parseBusinessHours(e.BUSINESS_HOURS, e.REPORT_TIMEZONE) : undefined,
      escalationUsers: e.SLA_ESCALATION_USERS ?? [],
      stormThreshold: e.SLA_STORM_THRESHOLD,
    },
  };
}
