// Without OPENAI_API_KEY there is no AI at all: no call reaches OpenAI (even with OPENAI_BASE_URL
// set), the card has no AI section and the Reply modal no draft.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId, BlockId } from '../../src/slack/ids.js';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai.js';
import { ESCALATION_CHANNEL, eventually, SIGNING_SECRET } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest } from '../helpers/slack-requests.js';
import { type Kit, settle, startKit, USERS } from './actions-kit.js';

let kit: Kit;
let openai: FakeOpenAi;

beforeAll(async () => {
  openai = await startFakeOpenAi('sk-test');
  kit = await startKit({ env: { OPENAI_BASE_URL: openai.url, ESCALATION_LABELS: 'refund,shipping' } });
}, 30_000);

afterAll(async () => {
  await kit?.stop();
  await openai?.close();
});

describe('no OPENAI_API_KEY', () => {
  it('makes no AI calls and shows nothing AI on the card or in the Reply modal', async () => {
    const esc = await kit.escalate();
    const payload = blockActionPayload({
      userId: USERS.jane.id,
      channel: ESCALATION_CHANNEL,
      messageTs: esc.slackTs as string,
      action: { action_id: ActionId.reply, type: 'button', value: esc.id },
      triggerId: `trigger-${randomUUID()}`,
    });
    expect((await kit.h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload))).status).toBe(200);
    const modal = await eventually(() => kit.h.slack.modals.at(-1));
    const blocks = JSON.stringify(modal.blocks);
    expect(blocks).toContain(BlockId.replyInput);
    expect(blocks).not.toContain(BlockId.replyDraft);
    expect(blocks).not.toContain(ActionId.replyRedraft);
    await settle(500);
    expect(kit.cardText(esc)).not.toMatch(/handoff_triage|handoff_ai_labels/);
    expect((await kit.row(esc)).triage).toBeNull();
    expect(await kit.db.aiDraft.count({ where: { escalationId: esc.id } })).toBe(0);
    expect(openai.requests).toHaveLength(0);
  });
});
