// Boot: config -> preflight (PostgreSQL, Redis, migrations) -> container -> HTTP / workers / scheduler by --role; graceful shutdown on SIGTERM.
import 'dotenv/config';
import { type Config, ConfigError, loadConfig } from './config.js';
import { buildContainer, type Role, start } from './container.js';
import { preflight, StartupError } from './startup/preflight.js';

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith('--role'));
  const value = arg?.includes('=') ? arg.split('=')[1] : arg ? argv[argv.indexOf(arg) + 1] : 'all';
  if (value === 'all' || value === 'web' || value === 'worker') return value;
  console.error(`--role must be web, worker or all (got "${value}")`);
  process.exit(2);
}

async function main(): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  try {
    await preflight(config, { waitMs: config.startupWaitSeconds * 1000 });
  } catch (err) {
    if (err instanceof StartupError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const running = await start(buildContainer(config), role);
  const { logger } = running.container;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: draining in-flight work');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    running
      .stop()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err: (err as Error).message }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('handoff failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
