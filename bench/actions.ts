// Slack action latency: Slack-signed Claim clicks to a real handoff (HTTP, Bolt, BullMQ workers)
// on a scratch database, with Slack, Shopify and Oscar Chat as instant local fakes. Measures
// click -> HTTP ack and click -> the card's chat.update, one click at a time and as one burst.
//
//   npx tsx bench/actions.ts [count=200] [--oscar-budget]
//
// Oscar's client-side budget (300 requests/minute, as the platform documents) is switched off
// unless --oscar-budget is given: with it, a burst of 200 claims (2 calls each) is paced by the
// budget, not by handoff. DATABASE_URL / REDIS_URL as for the tests. Creates handoff_bench_<random>,
// drops it afterwards, and deletes its Redis keys.
import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { withDatabase } from '../scripts/migrate/postgres.js';
import { loadConfig } from '../src/config.js';
import { buildContainer, type Running, start } from '../src/container.js';
import type { Escalation } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createOscarApi } from '../src/platforms/oscarchat/api.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../src/slack/ids.js';
import { startOscarFake } from '../test/fakes/oscar.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { startFakeSlack } from '../test/fakes/slack.js';
import { baseEnv } from '../test/helpers/env.js';
import { blockActionPayload, interactionRequest } from '../test/helpers/slack-requests.js';
import { deleteKeys, latencyLine } from './stats.js';

const args = process.argv.slice(2);
const COUNT = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
const OSCAR_BUDGET = args.includes('--oscar-budget');
const SIGNING_SECRET = 'bench-signing-secret';
const CHANNEL = 'C0BENCH01';
const AGENTS = 20;

async function main(): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, `handoff_bench_${id}`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `handoff-bench-${id}`;
  await ensureDatabase(databaseUrl);
  // Block Kit validation in the fake costs more than handoff's own work: off, for an instant Slack.
  const slack = await startFakeSlack({ validateBlocks: false });
  const shopify = await startFakeShopify();
  const oscar = await startOscarFake({ apiKey: 'bench-oscar-key', workspaceId: 'ws_bench' });
  let running: Running | undefined;
  try {
    await migrateDeploy({ databaseUrl });
    for (let i = 0; i < AGENTS; i++) {
      const email = `agent${i}@bench.example`;
      slack.addUser({ id: `U0BENCH${i}`, name: `agent${i}`, real_name: `Agent ${i}`, email });
      oscar.agents.push({ id: `ag_${i}`, name: `Agent ${i}`, email });
    }
    const sc = shopify.config();
    const config = loadConfig(
      baseEnv({
        PORT: '0',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: prefix,
        SLACK_API_URL: slack.url,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_ESCALATION_CHANNEL: CHANNEL,
        SHOPIFY_SHOP: sc.shop,
        SHOPIFY_ADMIN_ACCESS_TOKEN: sc.accessToken,
        SHOPIFY_API_VERSION: sc.apiVersion,
        SHOPIFY_ADMIN_API_URL: sc.adminApiUrl,
        OSCAR_WEBHOOK_SECRET: 'bench-oscar-secret',
        OSCAR_API_KEY: 'bench-oscar-key',
        OSCAR_WORKSPACE_ID: 'ws_bench',
        OSCAR_API_URL: oscar.url,
      }),
    );
    const container = buildContainer(config, { logger: createLogger('silent') });
    const oscarCfg = config.platforms.oscarchat;
    if (!OSCAR_BUDGET && oscarCfg) container.platformApis.set('oscarchat', createOscarApi(oscarCfg, { rateLimit: false }));
    running = await start(container, 'all');
    const url = `http://127.0.0.1:${running.port}`;

    // chat.update arrival per card ts, stamped the moment the fake receives it.
    const updated = new Map<string, (at: number) => void>();
    slack.respondWith('chat.update', (a) => {
      updated.get(String(a.ts))?.(performance.now());
      return undefined; // then the fake's own chat.update
    });

    const seed = async (n: number): Promise<Escalation[]> => {
      const out: Escalation[] = [];
      for (let i = 0; i < n; i++) {
        const esc = await container.db.escalation.create({
          data: {
            platform: 'oscarchat',
            conversationId: `conv_bench_${id}_${out.length}_${Math.random()}`,
            customerName: 'Bench Customer',
          },
        });
        oscar.conversation(esc.conversationId);
        out.push(await container.cards.publish(esc.id));
      }
      return out;
    };

    const click = async (esc: Escalation, i: number) => {
      const cardUpdated = new Promise<number>((resolve) => updated.set(esc.slackTs as string, resolve));
      const payload = blockActionPayload({
        userId: `U0BENCH${i % AGENTS}`,
        channel: CHANNEL,
        messageTs: esc.slackTs as string,
        action: { action_id: ActionId.claim, block_id: blockIdWithEscalation(BlockId.actions, esc.id), value: esc.id },
      });
      const req = interactionRequest(SIGNING_SECRET, payload);
      const t0 = performance.now();
      const res = await fetch(`${url}/slack/events`, { method: 'POST', body: req.body, headers: req.headers });
      const ack = performance.now() - t0;
      if (res.status !== 200) throw new Error(`click answered ${res.status}`);
      return { ack, card: (await cardUpdated) - t0 };
    };

    // Warm-up: connections, prepared statements, the agent list cache.
    for (const [i, esc] of (await seed(10)).entries()) await click(esc, i);

    const one = await seed(COUNT);
    const sequential = [];
    for (const [i, esc] of one.entries()) sequential.push(await click(esc, i));

    const many = await seed(COUNT);
    const burstStarted = performance.now();
    const burst = await Promise.all(many.map((esc, i) => click(esc, i)));
    const burstMs = performance.now() - burstStarted;

    const assigned = oscar.calls.filter((c) => c.path.endsWith('/assignments')).length;
    console.log(
      `handoff Slack actions: ${COUNT} Claim clicks per run, instant fakes, Oscar budget ${OSCAR_BUDGET ? 'on' : 'off'}`,
    );
    console.log(
      latencyLine(
        'one at a time: click -> ack',
        sequential.map((r) => r.ack),
      ),
    );
    console.log(
      latencyLine(
        'one at a time: click -> card',
        sequential.map((r) => r.card),
      ),
    );
    console.log(
      latencyLine(
        'burst: click -> ack',
        burst.map((r) => r.ack),
      ),
    );
    console.log(
      latencyLine(
        'burst: click -> card',
        burst.map((r) => r.card),
      ),
    );
    console.log(`burst of ${COUNT}: all cards updated after ${burstMs.toFixed(0)} ms; Oscar assignments made: ${assigned}`);
    // Where the workers' time went (the burst shares one process with App Home refreshes).
    const sums = new Map<string, { sum: number; count: number }>();
    for (const m of (await container.metrics.jobDuration.get()).values) {
      const job = String(m.labels.job);
      const entry = sums.get(job) ?? { sum: 0, count: 0 };
      if (m.metricName?.endsWith('_sum')) entry.sum += m.value;
      else if (m.metricName?.endsWith('_count')) entry.count += m.value;
      else continue;
      sums.set(job, entry);
    }
    for (const [job, { sum, count }] of sums) {
      if (count)
        console.log(`  ${job.padEnd(16)} ${String(count).padStart(5)} jobs, mean ${((sum / count) * 1000).toFixed(1)} ms`);
    }
  } finally {
    await running?.stop();
    await Promise.all([slack.close(), shopify.close(), oscar.close()]);
    await Promise.allSettled([dropDatabase(databaseUrl), deleteKeys(redisUrl, prefix)]);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
