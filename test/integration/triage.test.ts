// AI triage off the critical path: the card goes out first, the triage summary follows on the
// same card; in a burst over the per-minute budget, lower-priority cards go without it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai.js';

const BUDGET = 4;
let openai: FakeOpenAi;
let h: Harness;
const db = testDb();

beforeAll(async () => {
  openai = await startFakeOpenAi('sk-test');
  h = await startHarness({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url }, tuning: { aiBudgetPerMinute: BUDGET } });
});
afterAll(async () => {
  await h?.stop();
  await openai?.close();
  await db.$disconnect();
});

describe('AI triage', () => {
  it('adds the summary to the card after it was posted, once; a re-render asks nothing again', async () => {
    const body = h.sample('oscarchat', 'bot.escalated') as { id: string; data: { conversation_id: string } };
    body.id = `evt_ai_${Date.now()}`;
    body.data.conversation_id = `conv_ai_${Date.now()}`;
    expect((await h.webhook('oscarchat', body)).status).toBe(202);
    const esc = await eventually(() =>
      db.escalation.findFirst({ where: { conversationId: body.data.conversation_id, triage: { not: { equals: null } } } }),
    );
    expect(esc.triage).toMatchObject({ category: 'refund', suggestedPriority: 'urgent' });
    const card = h.slack.message(ESCALATION_CHANNEL, esc.slackTs as string);
    await eventually(() => JSON.stringify(h.slack.message(ESCALATION_CHANNEL, esc.slackTs as string)?.blocks).includes('charged twice and wants a refund'));
    expect(card).toBeDefined();
    expect(openai.requests.filter((r) => JSON.stringify(r.body).includes('#1042'))).toHaveLength(1);
    const calls = openai.requests.length;
    await h.running.container.cards.publish(esc.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(openai.requests).toHaveLength(calls);
  });

  it('in a burst over the budget, normal cards go without triage while the urgent one still gets it', async () => {
    // The budget is per clock minute: start well inside one so the burst cannot straddle two.
    await eventually(() => Date.now() % 60_000 < 40_000, 25_000, 200);
    const make = (priority: string) =>
      db.escalation.create({
        data: { platform: 'generic', conversationId: `burst_${randomUUID()}`, priority, lastMessage: 'Where is my order?', reason: 'burst' },
      });
    const normal = await Promise.all(Array.from({ length: 6 }, () => make('normal')));
    const urgent = await make('urgent');
    for (const esc of [...normal, urgent]) await h.running.container.cards.publish(esc.id);
    const ids = [...normal, urgent].map((e) => e.id);
    const rows = await eventually(async () => {
      const r = await db.escalation.findMany({ where: { id: { in: ids } } });
      return r.every((e) => e.triage !== null) && r;
    }, 15_000);
    const triaged = (id: string) => typeof (rows.find((r) => r.id === id)?.triage as { summary?: unknown } | undefined)?.summary === 'string';
    expect(triaged(urgent.id)).toBe(true);
    // A quarter of the budget is kept for urgent, high and VIP cards (the first test may have
    // spent one of this minute's calls already).
    const done = normal.filter((e) => triaged(e.id));
    expect(done.length).toBeGreaterThanOrEqual(BUDGET - 2);
    expect(done.length).toBeLessThanOrEqual(BUDGET - 1);
    const skipped = rows.filter((r) => !triaged(r.id));
    expect(skipped).toHaveLength(normal.length - done.length);
    for (const r of skipped) expect(r.triage).toEqual({ skipped: 'over budget' });
    for (const r of skipped) expect(JSON.stringify(h.slack.message(ESCALATION_CHANNEL, r.slackTs as string)?.blocks)).not.toContain('handoff_triage');
  });
});
