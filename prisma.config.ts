import { defineConfig } from 'prisma/config';

// process.env (not env()) so `prisma generate` works in CI without DATABASE_URL set.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
