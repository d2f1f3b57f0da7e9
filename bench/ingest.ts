// Ingest benchmark: signed webhooks at a running handoff, and in the same run at a bare Express
// route that only checks an HMAC over the raw body. For each of closed loop at concurrency 1, 16
// and 64 and an open loop at 1,000 req/s, prints accepted req/s, p50/p99 ack latency and the ratio
// of handoff to the bare route; then webhook-to-card latency with instant fakes.
//
//   npx tsx bench/ingest.ts [--seconds 4] [--concurrency 1,16,64] [--rate 1000] [--rounds 1] [--cards 200]
//                           [--compare <checkout>] [--compare-env NAME=value,...]
//
// --compare runs a second handoff from another checkout of the repository (for example the commit
// before a change: `git worktree add /tmp/before <commit>`, with node_modules and the generated
// Prisma client in place) against the same database and measures it in the same run, interleaved,
// so a before/after comparison sees the same machine noise. --compare-env sets environment for
// that second server only: `--compare . --compare-env INGEST_CONCURRENT_FLUSHES=1` compares a
// setting. The two handoffs take turns going first, round by round.
//
// Three processes besides this one: the bare route, handoff (role web) and the load generator
// (bench/load.ts, bodies signed before the clock starts). Needs PostgreSQL and Redis
// (DATABASE_URL / REDIS_URL, defaults as in the README); it creates and drops its own database.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dropDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { platformModule } from '../src/platforms/list.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { freePort } from '../test/helpers/redis-server.js';
import type { LoadJob, LoadResult } from './load.js';
import { deleteKeys, percentile, summarize } from './stats.js';

/** The benchmarks post Oscar Chat deliveries, signed by its module. */
const { sign } = platformModule('oscarchat');

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '1,16,64' },
    rate: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '1' },
    cards: { type: 'string', default: '200' },
    compare: { type: 'string' },
    'compare-env': { type: 'string', default: '' },
  },
});
const SECONDS = Number(opts.seconds);
const CONCURRENCY = opts.concurrency.split(',').map(Number);
const RATE = Number(opts.rate);
const ROUNDS = Number(opts.rounds);
const CARDS = Number(opts.cards);
const COMPARE = opts.compare ? resolve(opts.compare) : undefined;
const COMPARE_ENV = Object.fromEntries(
  opts['compare-env']
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const SECRET = 'bench-secret';
const PATH = '/webhooks/oscarchat';
const baseDb = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One escalation for the card-latency phase (signed here: it is one request at a time). */
function delivery(): { raw: Buffer; headers: Record<string, string>; conversationId: string } {
  const tag = randomBytes(6).toString('hex');
  const conversationId = `conv_card_${tag}`;
  const raw = Buffer.from(
    JSON.stringify({
      id: `evt_card_${tag}`,
      type: 'bot.escalated',
      created_at: new Date().toISOString(),
      workspace_id: 'ws_bench',
      data: {
        conversation_id: conversationId,
        contact: { id: `ct_${tag}`, name: 'Bench Customer', email: 'bench@example.com', custom_attributes: {} },
        last_message: 'Where is my order? I want a refund.',
        reason: 'customer_requested_human',
      },
    }),
  );
  return { raw, headers: sign(raw, SECRET), conversationId };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, path: string, raw: Buffer, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': raw.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

/** handoff_ingest_batch_size count and sum from /metrics (undefined for the bare route, or before the batcher existed). */
async function batchCounts(port: number): Promise<{ flushes: number; items: number } | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  const text = await res.text();
  const count = text.match(/^handoff_ingest_batch_size_count (\d+)/m)?.[1];
  const sum = text.match(/^handoff_ingest_batch_size_sum (\d+)/m)?.[1];
  return count && sum ? { flushes: Number(count), items: Number(sum) } : undefined;
}

/** Runs one measurement in the load-generator process. */
function measure(generator: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    generator.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) =>
      m.ok && m.result ? resolve(m.result) : reject(new Error(m.error)),
    );
    generator.send(job);
  });
}

function startProcess(script: string, env: Record<string, string>, cwd = process.cwd()): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each server process there, for finding hot spots.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(join(cwd, script), {
    cwd,
    execArgv: ['--import', 'tsx', ...prof],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((ready, reject) => {
    child.once('message', () => ready(child));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

async function main() {
  const dbName = `handoff_bench_${randomBytes(4).toString('hex')}`;
  const dbUrl = baseDb.replace(/\/[^/]*$/, `/${dbName}`);
  await migrateDeploy({ databaseUrl: dbUrl, log: () => {} });
  const slack = await startFakeSlack({ validateBlocks: false });
  const shopify = await startFakeShopify();
  const customer = shopify.addCustomer({ firstName: 'Bench', lastName: 'Customer', email: 'bench@example.com' });
  shopify.addOrder({ customerId: customer.id, lineItems: [{ title: 'Thing', quantity: 1, price: '20.00' }] });
  const shopifyCfg = shopify.config();
  const [webPort, barePort] = [await freePort(), await freePort()];
  const env = {
    PORT: String(webPort),
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `handoff-bench-${randomBytes(3).toString('hex')}`,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: slack.url,
    SLACK_ESCALATION_CHANNEL: 'C0BENCH01',
    SLACK_REPORT_CHANNEL: 'C0BENCH02',
    SHOPIFY_SHOP: shopifyCfg.shop,
    SHOPIFY_ADMIN_ACCESS_TOKEN: shopifyCfg.accessToken,
    SHOPIFY_ADMIN_API_URL: shopifyCfg.adminApiUrl,
    OSCAR_WEBHOOK_SECRET: SECRET,
    OSCAR_API_KEY: 'bench',
    OSCAR_WORKSPACE_ID: 'ws_bench',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  const children: ChildProcess[] = [];
  try {
    console.log(
      `ingest benchmark: closed loop at concurrency ${CONCURRENCY.join(', ')} and open loop at ${RATE} req/s, ${SECONDS} s each, ${ROUNDS} round(s)`,
    );
    children.push(await startProcess('bench/bare-server.ts', { PORT: String(barePort), SECRET }));
    // Ingest alone (role web): the queue fills, nothing competes for the CPU but the route.
    const webServer = await startProcess('bench/handoff-server.ts', { ...env, HANDOFF_ROLE: 'web' });
    children.push(webServer);
    const generator = await startProcess('bench/load.ts', {});
    children.push(generator);
    const targets: Array<{ name: string; port: number }> = [
      { name: 'bare HMAC route', port: barePort },
      { name: COMPARE ? 'handoff (this checkout)' : 'handoff', port: webPort },
    ];
    if (COMPARE) {
      const port = await freePort();
      const before = {
        ...env,
        PORT: String(port),
        HANDOFF_ROLE: 'web',
        QUEUE_PREFIX: `${env.QUEUE_PREFIX}-compare`,
        ...COMPARE_ENV,
      };
      children.push(await startProcess('bench/handoff-server.ts', before, COMPARE));
      const settings = Object.entries(COMPARE_ENV)
        .map(([k, v]) => ` ${k}=${v}`)
        .join('');
      targets.splice(1, 0, { name: `handoff (${COMPARE}${settings})`, port });
    }
    for (const t of targets)
      await measure(generator, { kind: 'closed', port: t.port, path: PATH, secret: SECRET, concurrency: 8, seconds: 1 }); // warm-up

    const loads: Array<[string, (port: number) => LoadJob]> = [
      ...CONCURRENCY.map((c): [string, (port: number) => LoadJob] => [
        `closed, concurrency ${c}`,
        (port) => ({ kind: 'closed', port, path: PATH, secret: SECRET, concurrency: c, seconds: SECONDS }),
      ]),
      [`open, ${RATE} req/s`, (port) => ({ kind: 'open', port, path: PATH, secret: SECRET, rate: RATE, seconds: SECONDS })],
    ];
    const lines = [
      '| round | load | target | req/s | p50 ms | p99 ms | ratio to bare | mean batch |',
      '|---|---|---|---|---|---|---|---|',
    ];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, job] of loads) {
        let bareRate = Number.NaN;
        // The bare route first (the ratios' base), then the handoffs, taking turns going first.
        const [bareTarget, ...handoffs] = targets;
        const order = [bareTarget, ...(round % 2 === 0 ? handoffs.reverse() : handoffs)].filter((t) => t !== undefined);
        for (const t of order) {
          const before = await batchCounts(t.port);
          const r = await measure(generator, job(t.port));
          const after = await batchCounts(t.port);
          if (Number.isNaN(bareRate)) bareRate = r.rate;
          const meanBatch = before && after ? ((after.items - before.items) / (after.flushes - before.flushes)).toFixed(1) : '-';
          const rejected = r.accepted < r.sent ? ` (${r.sent - r.accepted} not 2xx)` : '';
          lines.push(
            `| ${round} | ${label} | ${t.name} | ${r.rate.toFixed(0)}${rejected} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.rate / bareRate).toFixed(2)} | ${meanBatch} |`,
          );
          console.log(lines.at(-1));
        }
      }
    }
    console.log(`\n${lines.join('\n')}`);
    console.log("ratio to bare = req/s over the bare route's req/s in the same round and load; mean batch = webhooks per commit");
    console.log('(handoff_ingest_batch_size), - where the server has no batcher.');

    // Webhook to card: a fresh server with its workers (role all), one escalation at a time.
    webServer.kill('SIGTERM');
    const cardPort = await freePort();
    // Its own queue prefix: the backlog the ingest phases queued must not delay these cards.
    const cardEnv = { ...env, PORT: String(cardPort), HANDOFF_ROLE: 'all', QUEUE_PREFIX: `${env.QUEUE_PREFIX}-cards` };
    children.push(await startProcess('bench/handoff-server.ts', cardEnv));
    const latencies: number[] = [];
    for (let i = 0; i < CARDS; i++) {
      const d = delivery();
      const sent = performance.now();
      await post(cardPort, '/webhooks/oscarchat', d.raw, d.headers);
      while (!slack.messages.some((m) => JSON.stringify(m.blocks ?? '').includes(d.conversationId))) {
        await new Promise((r) => setImmediate(r));
      }
      latencies.push(performance.now() - sent);
    }
    const c = summarize(latencies);
    console.log(
      `\nwebhook -> card posted (${CARDS} escalations, one at a time, Shopify lookup included): p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, max ${c.max.toFixed(1)} ms`,
    );
    console.log(`(p90 ${percentile(latencies, 0.9).toFixed(1)} ms)`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    agent.destroy();
    await slack.close();
    await shopify.close();
    await dropDatabase(dbUrl);
    await deleteKeys(redisUrl, env.QUEUE_PREFIX);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
