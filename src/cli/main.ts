// The operator CLI. Each command is a small module; this file only routes argv to it.
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';

const USAGE = `usage: handoff <command>

  report [--week YYYY-Www] [--dry-run] [--out chart.png]
                                 build the weekly report (default: last week); post it unless --dry-run
  simulate <platform> <event> [--url http://localhost:3000]
                                 send a signed sample webhook to a running handoff
  simulate <platform> --list     list a platform's sample events
  dlq list                       jobs that failed all their retries
  dlq retry <job-id|--all>       replay dead-lettered jobs
  agents link <slack-user-id> <platform> <agent-id>
                                 map a Slack user to a chat-platform agent
  agents list                    show the explicit mappings
  forget <email>                 erase that customer's personal data (name, email, messages,
                                 transcript, Shopify snapshot, raw bodies) and print what was erased
  sandbox [--port 3000]          run handoff against built-in stand-ins for Slack, Shopify and the
                                 chat platforms; open http://localhost:3000/sandbox to use it`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  dlq: async () => (await import('./dlq.js')).dlqCommand,
  agents: async () => (await import('./agents.js')).agentsCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  report: async () => (await import('./report.js')).reportCommand,
  forget: async () => (await import('./forget.js')).forgetCommand,
  sandbox: async () => {
    // Its stand-ins are the test fakes, which use dev dependencies (graphql, ajv).
    const mod = await import('./sandbox.js').catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ERR_MODULE_NOT_FOUND') throw err;
      throw new Error(`the sandbox needs the dev dependencies: run npm install without --omit=dev (${err.message})`);
    });
    return mod.sandboxCommand;
  },
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({ args: name ? [] : ['--help'], options: { help: { type: 'boolean' } }, strict: false });
  if (!name || values.help || name === 'help' || name === '--help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
