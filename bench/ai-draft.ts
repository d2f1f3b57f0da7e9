// Drafted replies: an agent clicks Reply -> the AI draft is in the modal's text box (in the
// views.open when it is ready within the wait, else in the views.update that follows). A real
// handoff (HTTP, Bolt, BullMQ workers) on a scratch database, Slack, Shopify, Oscar Chat and OpenAI
// as local fakes; the OpenAI fake answers after a set "model time" (0, 700 and 2500 ms). Beside
// it, in the same run, the floor: the same OpenAI client call with the same prompt, straight to the
// fake. Then the token cost per escalation (triage + one draft) from the usage OpenAI reports.
//
//   npx tsx bench/ai-draft.ts [count=40]
//
// The fake counts ~4 characters per token (what OpenAI's tokenizer averages on English text), so
// the cost is an estimate; prices are gpt-4o-mini's list prices, stated below.
import { randomUUID } from 'node:crypto';
import { AiClient } from '../src/ai/client.js';
import { draftPrompt, draftSchema } from '../src/ai/drafts.js';
import type { Escalation } from '../src/db/client.js';
import { ActionId } from '../src/slack/ids.js';
import { startFakeOpenAi } from '../test/fakes/openai.js';
import { blockActionPayload, interactionRequest } from '../test/helpers/slack-requests.js';
import { CHANNEL, SIGNING_SECRET, startSlackBench } from './slack-kit.js';
import { latencyLine, summarize } from './stats.js';

const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 40);
const MODEL_MS = [0, 700, 2500];
/** USD per million tokens, gpt-4o-mini list price (input, output). */
const PRICE = { input: 0.15, output: 0.6 };

const CUSTOMER_LINES = [
  'Hi, I ordered the alpine shell jacket two weeks ago and it still has not arrived.',
  'The tracking page says it is stuck. Can you tell me where it is? I need it for a trip on Friday.',
  'If it cannot arrive in time I would like a refund instead. My email is sam.rivera@example.com.',
];

function snapshot(i: number) {
  const order = (n: number, status: string, tracking: boolean) => ({
    id: `gid://shopify/Order/${n}`,
    name: `#${n}`,
    createdAt: '2026-11-12T10:00:00Z',
    total: { amount: '189.00', currencyCode: 'EUR' },
    financialStatus: 'PAID',
    fulfillmentStatus: status,
    adminUrl: `https://admin.shopify.com/store/bench/orders/${n}`,
    shipments: tracking ? [{ status: 'SUCCESS', tracking: [{ number: `1Z999AA1012345${String(i).padStart(4, '0')}`, company: 'UPS' }] }] : [],
    refunded: { amount: '0.00', currencyCode: 'EUR' },
  });
  return {
    status: 'found',
    fetchedAt: new Date().toISOString(),
    customer: { id: 'gid://shopify/Customer/1', name: 'Sam Rivera', email: 'sam.rivera@example.com', ordersCount: 3, totalSpent: { amount: '420.00', currencyCode: 'EUR' }, tags: [], adminUrl: 'x' },
    orders: [order(2001 + i, 'FULFILLED', true), order(1501, 'FULFILLED', true), order(1203, 'UNFULFILLED', false)],
  };
}

async function main(): Promise<void> {
  const openai = await startFakeOpenAi('sk-bench');
  openai.answers.reply_draft = {
    language: 'en',
    reply: 'Hi [CUSTOMER_NAME], your jacket (order #2001) shipped with UPS and is on its way; the tracking shows it in transit. If it will not arrive by Friday, reply here and we will arrange a refund.',
  };
  openai.answer = { summary: 'Late parcel; wants it by Friday or a refund.', category: 'shipping', suggestedPriority: 'high', sentiment: 'negative', suggestedLabels: ['shipping'] };
  const bench = await startSlackBench({ env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: openai.url, ESCALATION_LABELS: 'refund,shipping,damaged' } });
  const { slack, url, container } = bench;
  try {
    const drafted = new Map<string, (at: number, how: 'open' | 'update') => void>();
    const opened = new Map<string, (at: number) => void>();
    const watch = (how: 'open' | 'update') => (a: Record<string, unknown>) => {
      const view = a.view as { private_metadata?: string; blocks?: unknown[] };
      const { escalationId } = JSON.parse(view.private_metadata ?? '{}') as { escalationId?: string };
      if (!escalationId) return undefined;
      const at = performance.now();
      if (how === 'open') opened.get(escalationId)?.(at);
      if (JSON.stringify(view.blocks).includes('initial_value')) drafted.get(escalationId)?.(at, how);
      return undefined;
    };
    slack.respondWith('views.open', watch('open'));
    slack.respondWith('views.update', watch('update'));

    const seed = async (n: number) => {
      const out: Escalation[] = [];
      for (const [i, esc] of (await bench.seed(n)).entries()) {
        await container.db.escalation.update({ where: { id: esc.id }, data: { customerName: 'Sam Rivera', shopify: snapshot(i), lastMessage: CUSTOMER_LINES[2] } });
        await container.db.conversationMessage.createMany({
          data: CUSTOMER_LINES.map((text, k) => ({ escalationId: esc.id, direction: 'in', author: 'customer', text, requestKey: `bench:${esc.id}:${k}`, status: 'posted' })),
        });
        out.push(esc);
      }
      return out;
    };

    const reply = async (esc: Escalation, i: number) => {
      const open = new Promise<number>((resolve) => opened.set(esc.id, resolve));
      const draft = new Promise<{ at: number; how: string }>((resolve) => drafted.set(esc.id, (at, how) => resolve({ at, how })));
      const click = blockActionPayload({
        userId: `U0BENCH${i % 20}`,
        channel: CHANNEL,
        messageTs: esc.slackTs as string,
        action: { action_id: ActionId.reply, type: 'button', value: esc.id },
        triggerId: `trigger-${randomUUID()}`,
      });
      const req = interactionRequest(SIGNING_SECRET, click);
      const t0 = performance.now();
      const res = await fetch(`${url}/slack/events`, { method: 'POST', body: req.body, headers: req.headers });
      const ack = performance.now() - t0;
      await res.arrayBuffer();
      const d = await draft;
      return { ack, open: (await open) - t0, draft: d.at - t0, how: d.how };
    };

    // The floor: the same client and prompt, straight to the fake (model time 0).
    const [probe] = await seed(1);
    const row = await container.db.escalation.findUniqueOrThrow({ where: { id: probe?.id } });
    const prompt = draftPrompt(row, CUSTOMER_LINES.map((text) => ({ author: 'customer', text })));
    const client = new AiClient({ apiKey: 'sk-bench', baseUrl: openai.url, model: 'gpt-4o-mini' }, undefined, { timeoutMs: 8000, maxRetries: 0 });
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) await client.parse(draftSchema, 'reply_draft', 'system', prompt); // warm-up
    for (let i = 0; i < COUNT; i++) {
      const t0 = performance.now();
      await client.parse(draftSchema, 'reply_draft', 'system', prompt);
      floor.push(performance.now() - t0);
    }

    console.log(`handoff drafted replies: ${COUNT} Reply clicks per model time, one at a time; Reply waits ${1500} ms for a draft`);
    console.log(latencyLine('floor: OpenAI client call alone', floor));
    for (const [i, esc] of (await seed(5)).entries()) await reply(esc, i); // warm-up
    const all: Escalation[] = [];
    for (const ms of MODEL_MS) {
      openai.delayMs = ms;
      const results = [];
      const batch = await seed(COUNT);
      all.push(...batch);
      for (const [i, esc] of batch.entries()) results.push(await reply(esc, i));
      const updated = results.filter((r) => r.how === 'update').length;
      console.log(latencyLine(`model ${ms} ms: click -> ack`, results.map((r) => r.ack)));
      console.log(latencyLine(`model ${ms} ms: click -> modal open`, results.map((r) => r.open)));
      console.log(latencyLine(`model ${ms} ms: click -> draft in box`, results.map((r) => r.draft)));
      console.log(`  drafts shown in views.open: ${results.length - updated}, by views.update: ${updated}`);
    }
    openai.delayMs = 0;

    // Token cost per escalation: its triage and one draft, as OpenAI reported usage.
    const ids = all.map((e) => e.id);
    const rows = await container.db.escalation.findMany({ where: { id: { in: ids } }, select: { triage: true } });
    const drafts = await container.db.aiDraft.findMany({ where: { escalationId: { in: ids } } });
    const triageUsage = rows.map((r) => (r.triage as { usage?: { promptTokens: number; completionTokens: number } } | null)?.usage).filter((u) => u !== undefined);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const tIn = mean(triageUsage.map((u) => u.promptTokens));
    const tOut = mean(triageUsage.map((u) => u.completionTokens));
    const dIn = mean(drafts.map((d) => d.promptTokens));
    const dOut = mean(drafts.map((d) => d.completionTokens));
    const usd = (i: number, o: number) => (i * PRICE.input + o * PRICE.output) / 1e6;
    console.log(`\ntoken cost per escalation (${triageUsage.length} triages, ${drafts.length} drafts; price: $${PRICE.input}/M input, $${PRICE.output}/M output, gpt-4o-mini):`);
    console.log(`  triage: ${tIn.toFixed(0)} prompt + ${tOut.toFixed(0)} completion tokens = $${usd(tIn, tOut).toFixed(6)}`);
    console.log(`  draft:  ${dIn.toFixed(0)} prompt + ${dOut.toFixed(0)} completion tokens = $${usd(dIn, dOut).toFixed(6)}`);
    const each = usd(tIn + dIn, tOut + dOut);
    console.log(`  total:  $${each.toFixed(6)} per escalation with one draft; $${(each * 1000).toFixed(2)} per 1,000 escalations`);
    console.log(`  (draft time stored by handoff, p50 ${summarize(drafts.map((d) => d.latencyMs)).p50} ms)`);
  } finally {
    await bench.stop();
    await openai.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
