// Burst benchmark: handoff (its own process, role all) against a Slack fake that enforces Slack's
// pacing (1 chat.postMessage/s per channel with a short burst, chat.update at Tier 3; 429 with
// Retry-After), answering in 120 ms, and a Shopify fake answering in 150 ms.
//
// 1. N escalations at once (N = 20, 100 by default); while the backlog drains an agent clicks
//    Claim on the newest card once a second. Prints the time until the last card, cards per
//    conversation, 429s, and click -> card update p50/p95. Baseline: what Slack's limit allows.
// 2. Webhook -> card at 8/s and 20/s (Slack fake unpaced, handoff's pace raised), p50/p99.
//    Baseline: the two calls a card costs (one Shopify query + one chat.postMessage), made
//    directly from here against the same fakes.
//
//   npx tsx bench/burst.ts [--sizes 20,100] [--rates 8,20] [--seconds 10] [--base DIR] [--base-sizes 20]
//
// --base DIR runs the same phases, in the same run, against another checkout (say, the commit
// before pacing: `git archive <commit> | tar -x -C DIR`, with node_modules and src/db/generated).
//
// DATABASE_URL / REDIS_URL as for the tests. Creates handoff_bench_<random> and drops it after.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase, migrateDeploy } from '../scripts/migrate/index.js';
import { withDatabase } from '../scripts/migrate/postgres.js';
import { sign } from '../src/platforms/oscarchat/samples.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../src/slack/ids.js';
import { startOscarFake } from '../test/fakes/oscar.js';
import { startFakeShopify } from '../test/fakes/shopify.js';
import { SLACK_LIMITS } from '../test/fakes/slack-pacing.js';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack.js';
import { freePort } from '../test/helpers/redis-server.js';
import { blockActionPayload, interactionRequest } from '../test/helpers/slack-requests.js';
import { deleteKeys, percentile } from './stats.js';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20,100' },
    rates: { type: 'string', default: '8,20' },
    seconds: { type: 'string', default: '10' },
    base: { type: 'string' },
    'base-sizes': { type: 'string', default: '20' },
  },
});
const SECRET = 'bench-oscar-secret';
const SIGNING_SECRET = 'bench-signing-secret';
const CHANNEL = 'C0BENCH01';
const AGENT = { id: 'U0BENCHAGENT', name: 'agent', real_name: 'Bench Agent', email: 'agent@bench.example' };
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The agent claims a card this often while the backlog drains (each claim also posts a thread line). */
const CLICK_EVERY_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (n: number) => `${Number.isFinite(n) ? n.toFixed(0) : '-'} ms`;

let seq = 0;
function escalation(run: string): { raw: Buffer; headers: Record<string, string>; conversationId: string } {
  seq += 1;
  const conversationId = `conv_burst_${run}_${seq}`;
  const raw = Buffer.from(
    JSON.stringify({
      id: `evt_burst_${run}_${seq}`,
      type: 'bot.escalated',
      created_at: new Date().toISOString(),
      workspace_id: 'ws_bench',
      data: {
        conversation_id: conversationId,
        contact: { id: `ct_${seq}`, name: 'Bench Customer', email: `customer${seq}@bench.example`, custom_attributes: {} },
        last_message: 'Checkout is broken, where is my order?',
        reason: 'customer_requested_human',
      },
    }),
  );
  return { raw, headers: sign(raw, SECRET), conversationId };
}

function startHandoff(dir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(path.join(dir, 'bench/handoff-server.ts'), {
    cwd: dir,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`handoff exited (${code})`)));
  });
}

async function stopHandoff(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
}

/** First top-level post per conversation (ms epoch), from the fake's call log. */
function postTimes(slack: FakeSlack, from: number, ids: Set<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of slack.calls.slice(from)) {
    if (c.method !== 'chat.postMessage' || !c.ok || c.args.thread_ts) continue;
    const id = /conv_burst_[a-z0-9]+_\d+/.exec(JSON.stringify(c.args.blocks))?.[0];
    if (id && ids.has(id)) out.set(id, [...(out.get(id) ?? []), c.at.getTime()]);
  }
  return out;
}

async function burst(url: string, slack: FakeSlack, n: number, oscar: Awaited<ReturnType<typeof startOscarFake>>) {
  const run = randomBytes(3).toString('hex');
  const from = slack.calls.length;
  const items = Array.from({ length: n }, () => escalation(run));
  for (const it of items) oscar.conversation(it.conversationId);
  const ids = new Set(items.map((i) => i.conversationId));
  const t0 = Date.now();
  await Promise.all(
    items.map((it) => fetch(`${url}/webhooks/oscarchat`, { method: 'POST', body: new Uint8Array(it.raw), headers: it.headers })),
  );

  const clicks: Array<{ ts: string; at: number; shown?: number }> = [];
  let lastClick = 0;
  const deadline = t0 + n * 3000 + 60_000;
  while (Date.now() < deadline) {
    const posted = postTimes(slack, from, ids);
    const pendingClicks = clicks.filter((c) => c.shown === undefined);
    for (const c of pendingClicks) {
      const update = slack.calls.find(
        (k) =>
          k.method === 'chat.update' &&
          k.ok &&
          k.args.ts === c.ts &&
          k.at.getTime() >= c.at &&
          JSON.stringify(k.args.blocks).includes(AGENT.id),
      );
      if (update) c.shown = update.at.getTime() - c.at;
    }
    if (posted.size === n && pendingClicks.length === 0) break;
    if (posted.size < n && Date.now() - lastClick >= CLICK_EVERY_MS && posted.size > 0) {
      // The agent claims the newest card not yet clicked.
      const newest = slack.calls
        .slice(from)
        .filter(
          (c) => c.method === 'chat.postMessage' && c.ok && !c.args.thread_ts && !clicks.some((k) => k.ts === c.response.ts),
        )
        .at(-1);
      const escalationId = /"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(newest?.args.blocks))?.[1];
      if (newest && escalationId) {
        const ts = String(newest.response.ts);
        const payload = blockActionPayload({
          userId: AGENT.id,
          channel: CHANNEL,
          messageTs: ts,
          action: {
            action_id: ActionId.claim,
            block_id: blockIdWithEscalation(BlockId.actions, escalationId),
            type: 'button',
            value: escalationId,
          },
          responseUrl: slack.responseUrl(),
        });
        const req = interactionRequest(SIGNING_SECRET, payload);
        lastClick = Date.now();
        clicks.push({ ts, at: lastClick });
        void fetch(`${url}/slack/events`, { method: 'POST', body: req.body, headers: req.headers });
      }
    }
    await sleep(20);
  }
  const posted = postTimes(slack, from, ids);
  const perConversation = items.map((i) => posted.get(i.conversationId)?.length ?? 0);
  const calls = slack.calls.slice(from);
  const posts = calls.filter((c) => c.method === 'chat.postMessage' && c.ok).length;
  const shown = clicks.flatMap((c) => (c.shown === undefined ? [] : [c.shown]));
  return {
    n,
    lastCard: Math.max(...[...posted.values()].flat()) - t0,
    minCards: Math.min(...perConversation),
    maxCards: Math.max(...perConversation),
    rejected: calls.filter((c) => c.status === 429).length,
    posts,
    calls: calls.length,
    clicks: clicks.length,
    clickP50: percentile(shown, 0.5),
    clickP95: percentile(shown, 0.95),
    unshown: clicks.length - shown.length,
  };
}

/** Escalations at `rate`/s for `seconds`; webhook -> card posted per escalation. */
async function steady(url: string, slack: FakeSlack, rate: number, seconds: number): Promise<number[]> {
  const run = randomBytes(3).toString('hex');
  const from = slack.calls.length;
  const sent = new Map<string, number>();
  const start = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    const it = escalation(run);
    sent.set(it.conversationId, Date.now());
    void fetch(`${url}/webhooks/oscarchat`, { method: 'POST', body: new Uint8Array(it.raw), headers: it.headers });
  }
  const ids = new Set(sent.keys());
  const until = Date.now() + 60_000;
  while (postTimes(slack, from, ids).size < ids.size && Date.now() < until) await sleep(100);
  return [...postTimes(slack, from, ids)].map(([id, at]) => (at[0] as number) - (sent.get(id) as number));
}

async function main() {
  const id = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, `handoff_bench_${id}`);
  await ensureDatabase(databaseUrl);
  await migrateDeploy({ databaseUrl, log: () => {} });
  const paced = await startFakeSlack({ validateBlocks: false, pacing: SLACK_LIMITS, latencyMs: 120, users: [AGENT] });
  const unpaced = await startFakeSlack({ validateBlocks: false, latencyMs: 120, users: [AGENT] });
  const shopify = await startFakeShopify();
  shopify.latencyMs = 150;
  // Only agents act: the agent is a member of the escalation channel.
  for (const fake of [paced, unpaced]) fake.membership.setChannelMembers(CHANNEL, [AGENT.id]);
  const oscar = await startOscarFake({ apiKey: 'bench-oscar-key', workspaceId: 'ws_bench' });
  oscar.agents.push({ id: 'ag_bench', name: 'Bench Agent', email: AGENT.email });
  const sc = shopify.config();
  const prefixes: string[] = [];
  const env = (slack: FakeSlack, port: number, extra: Record<string, string> = {}) => {
    prefixes.push(`handoff-bench-${id}-${prefixes.length}`);
    return {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefixes.at(-1) as string,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      SLACK_ESCALATION_CHANNEL: CHANNEL,
      SLACK_REPORT_CHANNEL: 'C0BENCH02',
      SHOPIFY_SHOP: sc.shop,
      SHOPIFY_ADMIN_ACCESS_TOKEN: sc.accessToken,
      SHOPIFY_ADMIN_API_URL: sc.adminApiUrl,
      OSCAR_WEBHOOK_SECRET: SECRET,
      OSCAR_API_KEY: 'bench-oscar-key',
      OSCAR_WORKSPACE_ID: 'ws_bench',
      OSCAR_API_URL: oscar.url,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...extra,
    };
  };
  try {
    const builds: Array<[string, string, number[]]> = [
      [
        'this branch',
        process.cwd(),
        opts.sizes
          .split(',')
          .map(Number)
          .filter((n) => n > 0),
      ],
    ];
    if (opts.base)
      builds.push([
        `base ${path.basename(opts.base)}`,
        path.resolve(opts.base),
        opts['base-sizes']
          .split(',')
          .map(Number)
          .filter((n) => n > 0),
      ]);
    console.log(`Slack fake: ${JSON.stringify(SLACK_LIMITS)}, 120 ms answers; Shopify fake: 150 ms answers\n`);
    console.log(
      '| build | N at once | last card | Slack allows: (posts - burst) / rate | cards per conversation | posts (cards + thread lines) | 429s / calls | clicks | click -> card p50 | p95 |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const [name, dir, sizes] of builds) {
      for (const n of sizes) {
        const port = await freePort();
        const child = await startHandoff(dir, env(paced, port));
        try {
          const r = await burst(`http://127.0.0.1:${port}`, paced, n, oscar);
          const allows = (Math.max(0, r.posts - SLACK_LIMITS.postBurst) / SLACK_LIMITS.postPerSecond) * 1000;
          const unshown = r.unshown ? ` (${r.unshown} not shown)` : '';
          const missing = r.minCards === 0 ? ' (some never posted)' : '';
          console.log(
            `| ${name} | ${n} | ${ms(r.lastCard)} | ${ms(allows)} | ${r.minCards}..${r.maxCards}${missing} | ${r.posts} | ${r.rejected} / ${r.calls} | ${r.clicks}${unshown} | ${ms(r.clickP50)} | ${ms(r.clickP95)} |`,
          );
        } finally {
          await stopHandoff(child);
        }
        await sleep(SLACK_LIMITS.postBurst * 1000); // let the fake's buckets refill between runs
      }
    }

    // The floor: the two calls one card costs, made directly and in sequence.
    const floor: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = Date.now();
      await fetch(`${sc.adminApiUrl}/admin/api/${sc.apiVersion}/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': sc.accessToken },
        body: JSON.stringify({ query: '{ shop { name } }' }),
      });
      await fetch(`${unpaced.url}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-bench', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0FLOOR', text: 'floor' }),
      });
      floor.push(Date.now() - t);
    }
    console.log(`\nwebhook -> card, Slack fake unpaced, SLACK_POSTS_PER_SECOND=50 (${opts.seconds} s per rate)`);
    console.log(
      `baseline: one Shopify call + one chat.postMessage made directly: p50 ${ms(percentile(floor, 0.5))}, p99 ${ms(percentile(floor, 0.99))}`,
    );
    console.log('| build | rate | cards | p50 | p99 |\n|---|---|---|---|---|');
    for (const [name, dir] of builds) {
      const port = await freePort();
      const child = await startHandoff(
        dir,
        env(unpaced, port, { SLACK_POSTS_PER_SECOND: '50', SLACK_UPDATES_PER_MINUTE: '1000' }),
      );
      try {
        await steady(`http://127.0.0.1:${port}`, unpaced, 4, 2); // warm-up
        for (const rate of opts.rates.split(',').map(Number)) {
          const lat = await steady(`http://127.0.0.1:${port}`, unpaced, rate, Number(opts.seconds));
          console.log(`| ${name} | ${rate}/s | ${lat.length} | ${ms(percentile(lat, 0.5))} | ${ms(percentile(lat, 0.99))} |`);
        }
      } finally {
        await stopHandoff(child);
      }
    }
  } finally {
    await Promise.all([paced.close(), unpaced.close(), shopify.close(), oscar.close()]);
    for (const p of prefixes) await deleteKeys(redisUrl, p);
    await dropDatabase(databaseUrl);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
