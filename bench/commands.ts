// /order latency: Slack-signed slash commands to a real handoff (HTTP, Bolt, BullMQ worker) on a
// scratch database, with Slack and Shopify as instant local fakes. Measures command -> ack and
// command -> answer at response_url, per kind of query.
//
//   npx tsx bench/commands.ts [count=300] [concurrency=1]
//
// DATABASE_URL / REDIS_URL as for the tests (defaults: local PostgreSQL and Redis). Creates
// handoff_bench_cmd_<random>, drops it afterwards, and deletes its Redis keys.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { withDatabase } from '../scripts/migrate/postgres.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, start } from '../src/container.js';
import { createLogger } from '../src/logger.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { baseEnv } from '../test/helpers/env.js';
import { commandRequest } from '../test/helpers/slack-requests.js';
import { deleteKeys, latencyLine } from './stats.js';

const COUNT = Number(process.argv[2] ?? 300);
const CONCURRENCY = Math.max(1, Number(process.argv[3] ?? 1));
const SIGNING_SECRET = 'bench-signing-secret';
const QUERIES = ['#1001', '1002', 'maria.keller@example.com', 'Maria Keller'];

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, `handoff_bench_cmd_${id}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `handoff-bench-cmd-${id}`;
  await ensureDatabase(databaseUrl);
  const slack = await startFakeSlack();
  const shopify = await startFakeShopify();
  try {
    await migrateDeploy({ databaseUrl });
    const maria = shopify.addCustomer({ firstName: 'Maria', lastName: 'Keller', email: 'maria.keller@example.com' });
    shopify.addOrder({
      customerId: maria.id,
      name: '#1001',
      lineItems: [{ title: 'Linen duvet', quantity: 2, price: '640.25' }],
      fulfillments: [{ tracking: [{ number: '1Z999', url: 'https://track.example/1Z999', company: 'UPS' }] }],
    });
    for (let i = 2; i <= 9; i++) shopify.addOrder({ customerId: maria.id, name: `#100${i}` });

    const s = shopify.config();
    const config = loadConfig(
      baseEnv({
        PORT: '0',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SLACK_API_URL: slack.url,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SHOPIFY_SHOP: s.shop,
        SHOPIFY_ADMIN_ACCESS_TOKEN: s.accessToken,
        SHOPIFY_API_VERSION: s.apiVersion,
        SHOPIFY_ADMIN_API_URL: s.adminApiUrl,
        GENERIC_WEBHOOK_SECRET: 'bench-generic',
      }),
    );
    const running = await start(buildContainer(config, { logger: createLogger('silent') }), 'all');
    const url = `http://127.0.0.1:${running.port}/slack/events`;

    const ack: Record<string, number[]> = {};
    const answer: Record<string, number[]> = {};
    const one = async (i: number): Promise<void> => {
      const query = QUERIES[i % QUERIES.length] as string;
      const responseId = `bench-${i}`;
      const req = commandRequest(SIGNING_SECRET, {
        command: '/order',
        text: query,
        user_id: 'U0BENCH001',
        channel_id: 'C0BENCH001',
        team_id: 'T0BENCH',
        response_url: slack.responseUrl(responseId),
        trigger_id: `${i}.trigger`,
      });
      const t0 = performance.now();
      const waiting = slack.waitForResponses(responseId, 1, 30_000);
      const res = await fetch(url, { method: 'POST', body: req.body, headers: req.headers });
      await res.text();
      const acked = performance.now() - t0;
      const [got] = await waiting;
      const answered = got ? got.at.getTime() - (performance.timeOrigin + t0) : Number.NaN;
      if (res.status !== 200 || !got) throw new Error(`/order ${query}: status ${res.status}`);
      ack[query] = [...(ack[query] ?? []), acked];
      answer[query] = [...(answer[query] ?? []), answered];
    };

    // Warm-up: connections, JIT, the fake's schema.
    for (let i = 0; i < 8; i++) await one(-1 - i);
    for (const k of Object.keys(ack)) {
      ack[k] = [];
      answer[k] = [];
    }

    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < COUNT) await one(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    console.log(
      `/order x${COUNT}, concurrency ${CONCURRENCY}, ${(COUNT / seconds).toFixed(0)} commands/s (instant fakes, one process)`,
    );
    console.log(latencyLine('ack (command -> HTTP 200)', Object.values(ack).flat()));
    console.log(latencyLine('answer (command -> response_url)', Object.values(answer).flat()));
    for (const q of QUERIES) console.log(latencyLine(`  answer: ${q}`, answer[q] ?? []));
    await running.stop();
  } finally {
    await slack.close();
    await shopify.close();
    await dropDatabase(databaseUrl).catch((e: Error) => console.warn('drop database:', e.message));
    await deleteKeys(redisUrl, prefix).catch((e: Error) => console.warn('redis cleanup:', e.message));
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
