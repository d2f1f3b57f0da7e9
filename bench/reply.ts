// Reply latency: an agent presses Send in the Reply modal -> the customer's message reaches Oscar
// Chat. Slack-signed requests to a real handoff (HTTP, Bolt, BullMQ workers) on a scratch database,
// with Slack and Oscar Chat as instant local fakes. Beside it, in the same run, the floor: the same
// Oscar client posting the same message directly (no Slack, no queue, no database).
//
//   npx tsx bench/reply.ts [count=200]
//
// Measures: Reply click -> modal open (views.open at the fake); Send -> HTTP ack; Send -> Oscar
// receives the message, one at a time and as one burst.
import { randomUUID } from 'node:crypto';
import type { Escalation } from '../src/db/client.js';
import { createOscarApi } from '../src/platforms/oscarchat/api.js';
import { ActionId, BlockId } from '../src/slack/ids.js';
import type { RecordedCall } from '../test/fakes/oscar.js';
import { blockActionPayload, interactionRequest, viewSubmissionPayload } from '../test/helpers/slack-requests.js';
import { AGENTS, CHANNEL, SIGNING_SECRET, startSlackBench } from './slack-kit.js';
import { latencyLine } from './stats.js';

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);

async function main(): Promise<void> {
  const bench = await startSlackBench();
  const { slack, oscar, url, seed } = bench;
  try {
    // Stamp each message the moment the Oscar fake receives it (calls are recorded on arrival).
    const received = new Map<string, (at: number) => void>();
    const push = oscar.calls.push.bind(oscar.calls);
    oscar.calls.push = (...calls: RecordedCall[]) => {
      for (const c of calls) {
        const conv = /^\/conversations\/([^/]+)\/messages$/.exec(c.path)?.[1];
        if (conv && c.method === 'POST') received.get(decodeURIComponent(conv))?.(performance.now());
      }
      return push(...calls);
    };
    const opened = new Map<string, (view: Record<string, unknown>, at: number) => void>();
    slack.respondWith('views.open', (a) => {
      const view = a.view as { private_metadata?: string };
      const { escalationId } = JSON.parse(view.private_metadata ?? '{}') as { escalationId?: string };
      if (escalationId) opened.get(escalationId)?.(a.view as Record<string, unknown>, performance.now());
      return undefined;
    });
    const post = async (body: { body: string; headers: Record<string, string> }) => {
      const res = await fetch(`${url}/slack/events`, { method: 'POST', body: body.body, headers: body.headers });
      if (res.status !== 200) throw new Error(`Slack request answered ${res.status}`);
      await res.arrayBuffer();
    };

    const reply = async (esc: Escalation, i: number) => {
      const userId = `U0BENCH${i % AGENTS}`;
      const modal = new Promise<{ view: Record<string, unknown>; at: number }>((resolve) =>
        opened.set(esc.id, (view, at) => resolve({ view, at })),
      );
      const click = blockActionPayload({
        userId,
        channel: CHANNEL,
        messageTs: esc.slackTs as string,
        action: { action_id: ActionId.reply, type: 'button', value: esc.id },
      });
      const c0 = performance.now();
      await post(interactionRequest(SIGNING_SECRET, click));
      const { view, at } = await modal;
      const arrived = new Promise<number>((resolve) => received.set(esc.conversationId, resolve));
      const values = { [BlockId.replyInput]: { [ActionId.replyText]: { type: 'plain_text_input', value: `Reply ${i}: your parcel left today.` } } };
      const submit = interactionRequest(SIGNING_SECRET, viewSubmissionPayload({ userId, view: { ...view, id: `V${randomUUID()}` }, values }));
      const t0 = performance.now();
      await post(submit);
      const ack = performance.now() - t0;
      return { modal: at - c0, ack, customer: (await arrived) - t0 };
    };

    // The floor: the same client, straight to the fake.
    const api = createOscarApi({ apiKey: 'bench-oscar-key', workspaceId: 'ws_bench', apiUrl: oscar.url }, { rateLimit: false });
    const direct: number[] = [];
    for (const esc of await seed(COUNT)) {
      const t0 = performance.now();
      await api.sendMessage?.(esc.conversationId, 'direct');
      direct.push(performance.now() - t0);
    }

    for (const [i, esc] of (await seed(10)).entries()) await reply(esc, i); // warm-up
    const sequential = [];
    for (const [i, esc] of (await seed(COUNT)).entries()) sequential.push(await reply(esc, i));
    const many = await seed(COUNT);
    const started = performance.now();
    const burst = await Promise.all(many.map((esc, i) => reply(esc, i)));
    const burstMs = performance.now() - started;

    const sent = oscar.calls.filter((c) => c.path.endsWith('/messages') && (c.body as { private?: boolean })?.private === false);
    console.log(`handoff Reply: ${COUNT} replies per run, instant fakes, Oscar budget off`);
    console.log(latencyLine('baseline: Oscar API call alone', direct));
    console.log(latencyLine('one at a time: Reply -> modal open', sequential.map((r) => r.modal)));
    console.log(latencyLine('one at a time: Send -> ack', sequential.map((r) => r.ack)));
    console.log(latencyLine('one at a time: Send -> customer', sequential.map((r) => r.customer)));
    console.log(latencyLine('burst: Send -> ack', burst.map((r) => r.ack)));
    console.log(latencyLine('burst: Send -> customer', burst.map((r) => r.customer)));
    console.log(`burst of ${COUNT}: all delivered after ${burstMs.toFixed(0)} ms; public messages at Oscar: ${sent.length} (expected ${COUNT * 3 + 10})`);
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
