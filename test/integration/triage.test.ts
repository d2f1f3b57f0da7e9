// AI triage off the critical path: the card goes out first, the triage summary follows on the
// same card; without a key nothing calls OpenAI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db.js';
import { ESCALATION_CHANNEL, eventually, type Harness, startHarness } from '../helpers/harness.js';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai.js';

let openai: FakeOpenAi;
let h: Harness;
const db = testDb();

beforeAll(async () => {
  openai = await startFakeOpenAi('sk-test');
  h = await startHarness({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.url } });
});
afterAll(async () => {
  await h?.stop();
  await openai?.close();
  await db.$disconnect();
});

describe('AI triage', () => {
  it('adds the summary to the card after it was posted, once', async () => {
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
  });
});
