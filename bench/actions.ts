// Slack action latency: Slack-signed Claim clicks to a real handoff (HTTP, Bolt, BullMQ workers)
// on a scratch database, with Slack, Shopify and Oscar Chat as instant local fakes. Measures
// click -> HTTP ack and click -> the card's chat.update, one click at a time and as one burst.
//
//   npx tsx bench/actions.ts [count=200] [--oscar-budget]
//
// Oscar's client-side budget (300 requests/minute, as the platform documents) is switched off
// unless --oscar-budget is given: with it, a burst of 200 claims (2 calls each) is paced by the
// budget, not by handoff. Set-up (scratch database, fakes) in slack-kit.ts.
import type { Escalation } from '../src/db/client.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../src/slack/ids.js';
import { blockActionPayload, interactionRequest } from '../test/helpers/slack-requests.js';
import { AGENTS, SIGNING_SECRET, CHANNEL, type SlackBench, startSlackBench } from './slack-kit.js';
import { latencyLine } from './stats.js';

const args = process.argv.slice(2);
const COUNT = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
const OSCAR_BUDGET = args.includes('--oscar-budget');

async function main(): Promise<void> {
  const bench: SlackBench = await startSlackBench({ oscarBudget: OSCAR_BUDGET });
  const { container, slack, oscar, url, seed } = bench;
  try {
    // chat.update arrival per card ts, stamped the moment the fake receives it.
    const updated = new Map<string, (at: number) => void>();
    slack.respondWith('chat.update', (a) => {
      updated.get(String(a.ts))?.(performance.now());
      return undefined; // then the fake's own chat.update
    });

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
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
