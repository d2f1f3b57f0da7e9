// handoff as bench/ingest runs it: the real container in its own process, role from HANDOFF_ROLE.
import { loadConfig } from '../src/config.js';
import { buildContainer, type Role, start } from '../src/container.js';

const running = await start(buildContainer(loadConfig(process.env)), (process.env.HANDOFF_ROLE ?? 'all') as Role);
process.send?.('ready');
process.on('SIGTERM', () => {
  running.stop().then(() => process.exit(0));
});
