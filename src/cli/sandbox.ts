// `handoff sandbox`: the real handoff (HTTP server, Bolt, workers, PostgreSQL, Redis) against
// built-in stand-ins for Slack, Shopify and the chat platforms, with a local page that shows the
// escalation channel the way Slack would. Needs no account anywhere; starts empty each time.
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL } from '../../scripts/migrate/index.js';
import { withDatabase } from '../../scripts/migrate/postgres.js';
import { loadConfig } from '../config.js';
import { buildContainer, start } from '../container.js';
import { createLogger } from '../logger.js';
import { holdSandboxLock } from '../sandbox/lock.js';
import { deleteKeys, prepareDatabase } from '../sandbox/reset.js';
import { sandboxRouter } from '../sandbox/routes.js';
import { SlackSide } from '../sandbox/slack-side.js';
import { SANDBOX_CHANNEL, SANDBOX_SECRETS, SANDBOX_SIGNING_SECRET, startStandIns } from '../sandbox/stand-ins.js';

const USAGE = `usage: handoff sandbox [--port 3000] [--database-url postgresql://...] [--queue-prefix handoff-sandbox]
  Runs handoff against built-in stand-ins for Slack, Shopify and the chat platforms and serves
  the escalation channel at http://localhost:<port>/sandbox. Uses PostgreSQL and Redis from
  DATABASE_URL / REDIS_URL (its own database, handoff_sandbox, and its own key prefix).`;

export async function sandboxCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'database-url': { type: 'string' },
      'queue-prefix': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const say = (line: string) => console.log(`[sandbox] ${line}`);
  const databaseUrl = values['database-url'] ?? withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, 'handoff_sandbox');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = values['queue-prefix'] ?? 'handoff-sandbox';
  const port = values.port ?? process.env.PORT ?? '3000';

  say('SANDBOX: Slack, Shopify and the chat platforms are local stand-ins; nothing leaves this machine.');
  // Outside the `${queuePrefix}:*` keys emptied below.
  const lock = await holdSandboxLock(redisUrl, `${queuePrefix}-sandbox-lock`, `pid ${process.pid}, port ${port}`);
  try {
    return await runSandbox({ databaseUrl, redisUrl, queuePrefix, port, say });
  } finally {
    await lock.release();
  }
}

async function runSandbox(o: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: string;
  say: (line: string) => void;
}) {
  const { databaseUrl, redisUrl, queuePrefix, port, say } = o;
  await prepareDatabase(databaseUrl, say);
  await deleteKeys(redisUrl, `${queuePrefix}:*`);
  const standIns = await startStandIns();
  const config = loadConfig({
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PORT: port,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    ...standIns.env,
  });
  const logger = createLogger(config.logLevel).child({ sandbox: true });
  let appUrl = '';
  const slack = new SlackSide({
    fake: standIns.slack,
    signingSecret: SANDBOX_SIGNING_SECRET,
    channel: SANDBOX_CHANNEL,
    channelName: 'escalations',
    appUrl: () => appUrl,
  });
  const running = await start(buildContainer(config, { logger }), 'all', {
    routes: (app) => app.use('/sandbox', sandboxRouter({ slack, secrets: SANDBOX_SECRETS, appUrl: () => appUrl })),
  }).catch(async (err: NodeJS.ErrnoException) => {
    await standIns.close();
    if (err.code === 'EADDRINUSE') throw new Error(`port ${port} is in use (is handoff already running?); pass --port <another>`);
    throw err;
  });
  appUrl = `http://127.0.0.1:${running.port}`;
  logger.warn(
    { slack: standIns.slack.url, shopify: standIns.shopify.url },
    'SANDBOX mode: Slack, Shopify and the chat platforms are stand-ins',
  );
  say(`handoff is running. Open http://localhost:${running.port}/sandbox`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say('stopping');
  await running.stop();
  await standIns.close();
  return 0;
}
