// A handoff worker in its own process, so a test can SIGKILL it in the middle of a job.
// Config comes from the environment the test passes; tuning keeps lock timeouts short (and SLA
// reminders off unless the test asks, as in the harness).
import { loadConfig } from '../../src/config.js';
import { buildContainer, start } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig(process.env);
const tuning = JSON.parse(process.env.HANDOFF_TEST_TUNING ?? '{}');
await start(buildContainer(config, { sla: false, ...tuning, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') }), 'worker');
process.send?.('ready');
