// Slack pacing and backlogs: handoff against a Slack fake that enforces Slack's pacing (429 +
// Retry-After when a per-channel or per-method bucket is empty).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { testDb } from '../helpers/db.js';
import { eventually } from '../helpers/harness.js';
import { cardCalls, type PacingKit, rejected, startPacingKit } from './pacing-kit.js';

let db: Db;
let kit: PacingKit;

beforeAll(async () => {
  kit = await startPacingKit();
  db = testDb(kit.databaseUrl);
});

afterAll(async () => {
  await db?.$disconnect();
  await kit?.stop();
});

const row = (conversationId: string) =>
  db.escalation.findFirst({ where: { platform: 'oscarchat', conversationId, slackTs: { not: null } } });

describe('a burst of escalations against a paced Slack', () => {
  it('posts every card exactly once with few 429s, and shows a claim before the backlog drains', async () => {
    const { slack } = kit;
    const from = slack.calls.length;
    const bodies = Array.from({ length: 20 }, () => kit.escalation('plain'));
    const answers = await Promise.all(bodies.map((b) => kit.deliver(b)));
    expect(answers).toEqual(bodies.map(() => true));

    // An agent claims the first card that shows up while the rest are still queued.
    const first = await eventually(async () => {
      for (const b of bodies) if (kit.cards(b.data.conversation_id).length) return row(b.data.conversation_id);
      return undefined;
    }, 20_000);
    const clicked = slack.calls.length;
    expect((await kit.claim(first)).status).toBe(200);

    await eventually(() => bodies.every((b) => kit.cards(b.data.conversation_id).length > 0), 40_000, 100);
    for (const b of bodies) expect(kit.cards(b.data.conversation_id)).toHaveLength(1);

    const calls = slack.calls.slice(from);
    const claimShown = await eventually(() =>
      slack.calls.slice(clicked).find((c) => c.ok && c.method === 'chat.update' && c.args.ts === first.slackTs),
    );
    const lastCard = cardCalls(calls)
      .filter((c) => c.method === 'chat.postMessage')
      .at(-1);
    expect(claimShown.at.getTime()).toBeLessThan(lastCard?.at.getTime() ?? 0);
    expect(JSON.stringify(slack.message(claimShown.args.channel as string, first.slackTs as string)?.blocks)).toContain('U0JANE');
    expect(rejected(calls)).toBeLessThanOrEqual(3);
  }, 90_000);
});

describe('a backlog', () => {
  it('goes out in priority order: a click, urgent and VIP, the rest in arrival order, cosmetic last; piled-up updates merge', async () => {
    const { h, slack } = kit;
    const a = kit.escalation('plain');
    const b = kit.escalation('plain');
    for (const body of [a, b]) expect(await kit.deliver(body)).toBe(true);
    const escA = await eventually(() => row(a.data.conversation_id), 15_000);
    const escB = await eventually(() => row(b.data.conversation_id), 15_000);

    // Hold the card lane (as a long Retry-After would) while work piles up behind it.
    const lane = h.running.container.producer.queues.slack;
    await eventually(async () => {
      const c = await lane.getJobCounts('active', 'wait', 'prioritized');
      return (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) === 0;
    }, 15_000);
    await lane.pause();
    let mark = 0;
    const n1 = kit.escalation('plain');
    const n2 = kit.escalation('plain');
    const u1 = kit.escalation('urgent');
    try {
      const processed = async (body: object) => {
        expect(await kit.deliver(body)).toBe(true);
        await eventually(
          () =>
            db.webhookDelivery.findFirst({ where: { deliveryKey: `id:${(body as { id: string }).id}`, status: 'processed' } }),
          15_000,
        );
      };
      await processed(n1);
      await processed(n2);
      for (const text of ['first note', 'second note', 'third and latest note'])
        await processed(kit.message(b.data.conversation_id, text));
      await processed(u1);
      expect((await kit.claim(escA)).status).toBe(200);
      // Five renders wait: the claim, the urgent card, two plain cards, B's notes merged into one.
      await eventually(async () => (await lane.getJobCounts('prioritized')).prioritized === 5, 15_000);
      mark = slack.calls.length;
    } finally {
      await lane.resume();
    }

    await eventually(() => cardCalls(slack.calls.slice(mark)).length >= 5, 20_000, 50);
    await new Promise((r) => setTimeout(r, 1500)); // anything extra would show up now
    const label = (c: (typeof slack.calls)[number]) => {
      if (c.method === 'chat.update')
        return c.args.ts === escA.slackTs ? 'claim A' : c.args.ts === escB.slackTs ? 'note B' : 'other';
      const text = JSON.stringify(c.args.blocks);
      return text.includes(u1.data.conversation_id)
        ? 'urgent'
        : text.includes(n1.data.conversation_id)
          ? 'new 1'
          : text.includes(n2.data.conversation_id)
            ? 'new 2'
            : 'other';
    };
    expect(cardCalls(slack.calls.slice(mark)).map(label)).toEqual(['claim A', 'urgent', 'new 1', 'new 2', 'note B']);
    // Three queued updates of B became one, showing the latest message.
    expect(JSON.stringify(slack.message(escB.slackChannel as string, escB.slackTs as string)?.blocks)).toContain(
      'third and latest note',
    );
  }, 90_000);
});
