// Prisma migrations without the native schema engine (see scripts/migrate/).
//   tsx scripts/migrate.ts deploy          apply pending migrations to DATABASE_URL
//   tsx scripts/migrate.ts create <name>   write prisma/migrations/<timestamp>_<name>/migration.sql
// DATABASE_URL may come from .env, like it does for `npm start`.
import 'dotenv/config';
import { DEFAULT_DATABASE_URL, MigrateError, migrateCreate, migrateDeploy } from './migrate/index.js';
import { redactUrl } from './migrate/postgres.js';

const USAGE = `usage:
  tsx scripts/migrate.ts deploy          apply pending migrations in prisma/migrations to DATABASE_URL
  tsx scripts/migrate.ts create <name>   diff prisma/schema.prisma against the migrations into a new one`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const log = (line: string) => console.log(line);

  switch (command) {
    case 'deploy': {
      const started = performance.now();
      const { applied } = await migrateDeploy({ databaseUrl: url, log });
      const ms = Math.round(performance.now() - started);
      if (applied.length === 0) console.log(`${redactUrl(url)} is up to date (${ms} ms)`);
      else console.log(`applied ${applied.length} migration(s) to ${redactUrl(url)} in ${ms} ms:\n  ${applied.join('\n  ')}`);
      return 0;
    }
    case 'create': {
      const name = rest[0];
      if (!name || rest.length > 1) {
        console.error(USAGE);
        return 2;
      }
      const { migration, path } = await migrateCreate(name, { databaseUrl: url });
      console.log(migration ? `created ${path}/migration.sql` : 'no changes');
      return 0;
    }
    case undefined:
    case '-h':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command: ${command}\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof MigrateError) console.error(`migrate: ${error.message}`);
    else console.error('migrate failed:', error);
    process.exitCode = 1;
  },
);
