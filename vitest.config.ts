import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-db.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration files start servers and workers; two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
