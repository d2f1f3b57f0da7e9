// Ingest benchmark: signed webhooks at a running handoff, and in the same run at a bare Express
// route that only checks an HMAC over the raw body. Prints accepted req/s and p50/p99 ack latency
// for both (closed loop at fixed concurrency, then an open loop at 1,000 req/s), and webhook-to-card
// latency with instant fakes.
//
//   npx tsx bench/ingest.ts [--requests 4000] [--concurrency 32] [--rate 1000] [--seconds 5] [--cards 200]
//
// Servers run in their own processes (the load generator would otherwise share their event loop).
// Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults as in the README); it creates and
// drops its own database.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { dropDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { platformModule } from '../src/platforms/list.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { freePort } from '../test/helpers/redis-server.js';
import { percentile, summarize } from './stats.js';

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '32' },
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    cards: { type: 'string', default: '200' },
  },
});
const REQUESTS = Number(opts.requests);
const CONCURRENCY = Number(opts.concurrency);
const RATE = Number(opts.rate);
const SECONDS = Number(opts.seconds);
const CARDS = Number(opts.cards);
const SECRET = 'bench-secret';
const oscar = platformModule('oscarchat');
const baseDb = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let seq = 0;
function delivery(): { raw: Buffer; headers: Record<string, string>; conversationId: string } {
  seq += 1;
  const conversationId = `conv_bench_${seq}_${randomBytes(3).toString('hex')}`;
  const raw = Buffer.from(
    JSON.stringify({
      id: `evt_bench_${seq}_${randomBytes(4).toString('hex')}`,
      type: 'bot.escalated',
      created_at: new Date().toISOString(),
      workspace_id: 'ws_bench',
      data: {
        conversation_id: conversationId,
        contact: { id: `ct_${seq}`, name: 'Bench Customer', email: 'bench@example.com', custom_attributes: {} },
        last_message: 'Where is my order? I want a refund.',
        reason: 'customer_requested_human',
      },
    }),
  );
  return { raw, headers: oscar.sign(raw, SECRET), conversationId };
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, path: string, raw: Buffer, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-length': raw.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(raw);
  });
}

/** Closed loop: `concurrency` clients, each sending its next request when the previous is answered. */
async function closedLoop(port: number, path: string, total: number, concurrency: number) {
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const d = delivery();
        const r = await post(port, path, d.raw, d.headers);
        latencies.push(r.ms);
        if (r.status >= 200 && r.status < 300) accepted += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rate: accepted / seconds, accepted, total, ...summarize(latencies) };
}

/** Open loop: requests start on a fixed schedule whatever the answers do (no coordinated omission). */
async function openLoop(port: number, path: string, rate: number, seconds: number) {
  const latencies: number[] = [];
  let accepted = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const d = delivery();
    const scheduled = due;
    inflight.push(
      post(port, path, d.raw, d.headers).then((r) => {
        latencies.push(performance.now() - scheduled);
        if (r.status >= 200 && r.status < 300) accepted += 1;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  return { rate: accepted / elapsed, accepted, total, ...summarize(latencies) };
}

function startProcess(script: string, env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each server process there, for finding hot spots.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(script, { execArgv: ['--import', 'tsx', ...prof], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
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
    console.log(`ingest benchmark: ${REQUESTS} requests at concurrency ${CONCURRENCY}; open loop ${RATE} req/s for ${SECONDS} s`);
    children.push(await startProcess('bench/bare-server.ts', { PORT: String(barePort), SECRET }));
    // Ingest alone (role web): the queue fills, nothing competes for the CPU but the route.
    children.push(await startProcess('bench/handoff-server.ts', { ...env, HANDOFF_ROLE: 'web' }));
    await closedLoop(barePort, '/webhooks/oscarchat', 300, 8); // warm-up
    await closedLoop(webPort, '/webhooks/oscarchat', 300, 8);

    const rows: Array<[string, Awaited<ReturnType<typeof closedLoop>>]> = [];
    rows.push(['bare HMAC route, closed loop', await closedLoop(barePort, '/webhooks/oscarchat', REQUESTS, CONCURRENCY)]);
    rows.push(['handoff /webhooks, closed loop', await closedLoop(webPort, '/webhooks/oscarchat', REQUESTS, CONCURRENCY)]);
    rows.push([`bare HMAC route, open ${RATE}/s`, await openLoop(barePort, '/webhooks/oscarchat', RATE, SECONDS)]);
    rows.push([`handoff /webhooks, open ${RATE}/s`, await openLoop(webPort, '/webhooks/oscarchat', RATE, SECONDS)]);
    console.log('\n| target | accepted | req/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
    for (const [name, r] of rows) {
      console.log(`| ${name} | ${r.accepted}/${r.total} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.max.toFixed(2)} |`);
    }
    const ratio = (rows[1]?.[1].rate ?? 0) / (rows[0]?.[1].rate ?? 1);
    console.log(`\nhandoff / bare throughput: ${(ratio * 100).toFixed(0)}%`);

    // Webhook to card: a fresh server with its workers (role all), one escalation at a time.
    children.pop()?.kill('SIGTERM');
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
    console.log(`\nwebhook -> card posted (${CARDS} escalations, one at a time, Shopify lookup included): p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, max ${c.max.toFixed(1)} ms`);
    console.log(`(p90 ${percentile(latencies, 0.9).toFixed(1)} ms)`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    agent.destroy();
    await slack.close();
    await shopify.close();
    await dropDatabase(dbUrl);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
