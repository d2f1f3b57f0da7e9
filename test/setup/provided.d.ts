// Values test/setup/global-db.ts provides to every test file: `inject('databaseUrl')` etc.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A fresh database (handoff_test_<random>) with all migrations applied; dropped after the run. */
    databaseUrl: string;
    /** REDIS_URL, default redis://127.0.0.1:6379. */
    redisUrl: string;
    /** A BullMQ/key prefix unique to this run (handoff-test-<random>); its keys are deleted after the run. */
    queuePrefix: string;
  }
}
