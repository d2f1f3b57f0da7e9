// Shared by the pacing tests: handoff at its default pace against a Slack fake that enforces
// Slack's published pacing, with Oscar Chat as its platform.
import { randomBytes, randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, migrateDeploy } from '../../scripts/migrate/index.js';
import type { Escalation } from '../../src/db/client.js';
import { ActionId, BlockId, blockIdWithEscalation } from '../../src/slack/ids.js';
import { type OscarFake, startOscarFake } from '../fakes/oscar.js';
import { SLACK_LIMITS } from '../fakes/slack-pacing.js';
import { type FakeSlack, type FakeSlackCall, startFakeSlack } from '../fakes/slack.js';
import { ESCALATION_CHANNEL, type Harness, type HarnessOptions, SIGNING_SECRET, startHarness } from '../helpers/harness.js';
import { blockActionPayload, interactionRequest } from '../helpers/slack-requests.js';

/** The fake enforces Slack's published pacing; handoff runs at its defaults (set back from the harness's test pace). */
export const HANDOFF_PACE = { SLACK_POSTS_PER_SECOND: '1', SLACK_UPDATES_PER_MINUTE: '50' };

export const AGENT = { id: 'U0JANE', name: 'jane', real_name: 'Jane Doe', email: 'jane@keller-home.example' };

export interface PacingKit {
  h: Harness;
  /** The kit's own database. */
  databaseUrl: string;
  slack: FakeSlack;
  oscar: OscarFake;
  /** A bot.escalated body for a fresh conversation: urgent + VIP, or plain. */
  escalation(kind: 'urgent' | 'plain'): { id: string; data: { conversation_id: string } };
  /** A customer message on an existing conversation. */
  message(conversationId: string, text: string): object;
  /** Top-level cards in the channel that belong to a conversation. */
  cards(conversationId: string): ReturnType<FakeSlack['channelMessages']>;
  claim(esc: Escalation): Promise<Response>;
  /**
   * POST a webhook, resending after a 503 as the platforms do (a cold, busy test machine can
   * answer 503); true once accepted (202, or 200 for a resend of a delivery already kept).
   */
  deliver(body: object): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startPacingKit(opts: HarnessOptions = {}): Promise<PacingKit> {
  const oscar = await startOscarFake({ apiKey: 'oscar-test-key', workspaceId: 'ws_test' });
  oscar.agents = [{ id: 'ag_jane', name: 'Jane D.', email: AGENT.email }];
  const slack = await startFakeSlack({ pacing: SLACK_LIMITS, users: [AGENT] });
  // Its own database: a burst leaves a hundred open escalations that other files' queue views would list.
  const url = inject('databaseUrl').replace(/\/[^/]*$/, `/handoff_test_pacing_${randomBytes(4).toString('hex')}`);
  await migrateDeploy({ databaseUrl: url, log: () => {} });
  const h = await startHarness({ ...opts, slack, env: { DATABASE_URL: url, OSCAR_API_URL: oscar.url, ...HANDOFF_PACE, ...opts.env } });
  const kit: PacingKit = {
    h,
    databaseUrl: url,
    slack,
    oscar,
    escalation(kind) {
      const body = h.sample('oscarchat', 'bot.escalated') as {
        id: string;
        data: { conversation_id: string; last_message: string; contact: Record<string, unknown> };
      };
      const tag = randomUUID();
      body.id = `evt_${tag}`;
      body.data.conversation_id = `conv_${tag}`;
      body.data.contact = { id: `ct_${tag}`, name: 'Sam Customer', email: `sam.${tag}@example.com`, custom_attributes: {} };
      if (kind === 'urgent') {
        body.data.last_message = 'I was charged twice and I want a refund';
        body.data.contact.custom_attributes = { total_spent: '5400.00' };
      } else {
        body.data.last_message = 'Where is my parcel?';
      }
      oscar.conversation(body.data.conversation_id, {
        contact: { id: `ct_${tag}`, name: 'Sam Customer', email: `sam.${tag}@example.com` },
      });
      return body;
    },
    message(conversationId, text) {
      const body = h.sample('oscarchat', 'message.created') as { id: string; data: Record<string, unknown> };
      body.id = `evt_${randomUUID()}`;
      body.data.conversation_id = conversationId;
      (body.data.message as Record<string, unknown>).content = text;
      return body;
    },
    cards: (conversationId) =>
      slack.channelMessages(ESCALATION_CHANNEL).filter((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(conversationId)),
    claim(esc) {
      const blockId = blockIdWithEscalation(BlockId.actions, esc.id);
      const payload = blockActionPayload({
        userId: AGENT.id,
        channel: ESCALATION_CHANNEL,
        messageTs: esc.slackTs as string,
        action: { action_id: ActionId.claim, block_id: blockId, type: 'button', value: esc.id },
        responseUrl: slack.responseUrl(),
      });
      return h.post('/slack/events', interactionRequest(SIGNING_SECRET, payload));
    },
    async deliver(body) {
      for (let attempt = 1; ; attempt++) {
        const res = await h.webhook('oscarchat', body);
        if (res.status !== 503 || attempt === 6) return res.status === 202 || res.status === 200;
        await new Promise((r) => setTimeout(r, 1000));
      }
    },
    async stop() {
      await h.stop();
      await slack.close();
      await oscar.close();
      await dropDatabase(url);
    },
  };
  return kit;
}

/** Top-level posts and card updates (not thread lines), in the order Slack received them. */
export function cardCalls(calls: FakeSlackCall[]): FakeSlackCall[] {
  return calls.filter((c) => c.ok && (c.method === 'chat.update' || (c.method === 'chat.postMessage' && !c.args.thread_ts)));
}

export function rejected(calls: FakeSlackCall[]): number {
  return calls.filter((c) => c.status === 429).length;
}
